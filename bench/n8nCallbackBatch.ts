import { N8N_VERSION } from '../test/helpers/n8n/paths';
import { batchFloorMs, callbackFloorMs } from '../shared';
import { fixed } from './format';
import { noteFailure, sized } from './mode';
import { runN8nCallbackBatch } from './n8nCallbackRun';
import { firstLine, loadN8nHarness, n8nUnavailable } from './n8nPresence';

/** The 300 (5 real minutes at 60/min, plus n8n's start-up); NYNE_BENCH_N8N_CALLBACK_ITEMS changes it. */
const DEFAULT_ITEMS = sized(300, 5);
const JOB_MS = 2_000;

const COLUMNS = 8;

function naRow(label: string, why: string): { row: string[]; note: string } {
	return {
		row: [label, ...Array<string>(COLUMNS - 1).fill('n/a')],
		note: `n8n callback row n/a: ${why}`,
	};
}

/**
 * The callback path of a batch in a real n8n on real time, a row of the callback table: the Nyne node's Don't Wait with
 * a Reference per item, its callbacks to an active Nyne Trigger.
 */
export async function n8nCallbackRow(): Promise<{ row: string[]; note: string }> {
	const items = Math.max(
		1,
		Math.floor(Number(process.env.NYNE_BENCH_N8N_CALLBACK_ITEMS ?? DEFAULT_ITEMS)) ||
			DEFAULT_ITEMS,
	);
	const label = `n8n node in real n8n ${N8N_VERSION}, Don't Wait + Reference -> Nyne Trigger (${items} items, real time)`;
	const unavailable = n8nUnavailable(N8N_VERSION);
	if (unavailable) return naRow(label, unavailable);
	const started = Date.now();
	let figures;
	try {
		figures = await runN8nCallbackBatch(
			await loadN8nHarness(N8N_VERSION),
			items,
			JOB_MS,
			started,
		);
	} catch (error) {
		noteFailure('the n8n callback row');
		return naRow(label, `the run failed: ${firstLine(error)}`);
	}
	// one execution: one balance read before its lookups, when it starts more than one
	const requests = items + (items > 1 ? 1 : 0);
	const floor = callbackFloorMs(requests, JOB_MS);
	const polling = batchFloorMs(items);
	return {
		row: [
			label,
			fixed(figures.requests / items, 3),
			String(figures.http429),
			String(figures.lost),
			String(figures.duplicates),
			String(figures.refused),
			`${fixed(figures.wallMs / 60_000, 2)} (real)`,
			`${fixed(figures.wallMs / floor, 2)}×`,
		],
		note: [
			`n8n callback row: ${items} lookups, jobs of ${JOB_MS / 1000} s, sandbox on real time; one execution started by a webhook under \`n8n start\`, its callbacks to an active Nyne Trigger workflow.`,
			`Its wall is real time from the first API request to the last callback n8n accepted (n8n start-up excluded): ${fixed(figures.wallMs / 1000)} s against a one-request floor of ${fixed(floor / 1000)} s for ${requests} requests (a POST per lookup and the balance read before them; the last POST at the start of its minute, then its job).`,
			`Polling the same ${items} lookups needs ${2 * items + 1} requests, ${fixed(polling.poll / 60_000)} min at the least (the n8n row of "Batch under the rate limit" polls). Starter execution ${figures.starterStatus}; ${fixed(figures.totalMs / 1000)} s real in all, with build check, imports and n8n start-up.`,
		].join('\n'),
	};
}
