import { N8N_VERSION } from '../test/helpers/n8n/paths';
import { windowFloorMs, pollRequests } from '../shared';
import { fixed } from './format';
import { noteFailure, sized } from './mode';
import { runN8nBatch } from './n8nBatchRun';
import { firstLine, loadN8nHarness, n8nUnavailable } from './n8nPresence';

/** 60 keeps `npm run bench` under 10 minutes (a real n8n runs on real time); NYNE_BENCH_N8N_ITEMS=300 by hand. */
const DEFAULT_ITEMS = sized(60, 4);
const JOB_MS = 2_000;

function naRow(label: string, why: string): { row: string[]; note: string } {
	return { row: [label, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'], note: `n8n row n/a: ${why}` };
}

/**
 * The batch through the Nyne node in a real n8n (the newest pinned; run from the editor, one execution, N input items), on real
 * time: the node's limiter and waits are n8n's own, so N is smaller than the other rows' 300 by default.
 */
export async function n8nBatchRow(): Promise<{ row: string[]; note: string }> {
	const items = Math.max(
		1,
		Math.floor(Number(process.env.NYNE_BENCH_N8N_ITEMS ?? DEFAULT_ITEMS)) || DEFAULT_ITEMS,
	);
	const label = `n8n node in real n8n ${N8N_VERSION} (${items} items, real time)`;
	const unavailable = n8nUnavailable(N8N_VERSION);
	if (unavailable) return naRow(label, unavailable);
	const started = Date.now();
	let figures;
	try {
		figures = await runN8nBatch(await loadN8nHarness(N8N_VERSION), items, JOB_MS, started);
	} catch (error) {
		noteFailure('the n8n row');
		return naRow(label, `the run failed: ${firstLine(error)}`);
	}
	// one execution: one balance read before its lookups, when it starts more than one
	const requests = pollRequests(items, items > 1 ? 1 : 0);
	const floor = windowFloorMs(requests, JOB_MS);
	return {
		row: [
			label,
			String(figures.http429),
			String(figures.lost),
			String(figures.duplicates),
			String(figures.requests),
			fixed(figures.wallMs / 60_000),
			`${fixed(figures.wallMs / floor, 2)}×`,
		],
		note: [
			`n8n row: N = ${items} lookups (NYNE_BENCH_N8N_ITEMS=300 runs the full 300, about 10 real minutes), jobs of ${JOB_MS / 1000} s, sandbox on real time.`,
			`Its wall is real time from the first lookup request to the last (n8n start-up excluded): ${fixed(figures.wallMs / 1000)} s against a floor of ${fixed(floor / 1000)} s for ${requests} requests (a POST and a status read per lookup, and the credit balance read before them, which the rate limit counts too).`,
			`Execution ${figures.executionStatus}; ${fixed(figures.totalMs / 1000)} s real in all, with build check, imports and n8n start-up.`,
		].join('\n'),
	};
}
