// Fault soak through the installed Nyne node in a real n8n: one run from the editor of 30 lookups (Wait for
// Result, continue on fail, one item per person) against a sandbox that answers with seeded random faults.
// The node runs on n8n's real clock (its waits and its 60/min limiter), so jobs are short and the run is ~1.5 min.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { CANARY_KEY, CANARY_SECRET, leaksIn } from '../../helpers/secrets/canary';
import {
	chainWorkflow,
	databaseFile,
	directLookup,
	importInEditor,
	manualTrigger,
	nodeItems,
	nyneCredential,
	nyneNode,
	ownerSession,
	query,
	runManually,
	startN8n,
	type N8nInstance,
	type RunningN8n,
	type StoredExecution,
	itemsFrom,
} from '../../helpers/n8n';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';
import { SOAK_FAULT_RATES } from '../../helpers/soak/faultProfile';
import { checkSoakRun, twitterSoakLookups } from '../../helpers/soak/soakVerdict';

const ITEMS = 30;
const SEED = 20_261_127;
/** Sandbox API ms per real ms: a 10-s job takes 1 real second, a "slow" answer 0.5 s. */
const TIME_SCALE = 0.1;
const lookups = twitterSoakLookups(ITEMS, {
	noDataEvery: 10,
	handle: (index, noData) => `${noData ? 'nodata_' : ''}soak_${String(index).padStart(3, '0')}`,
	maxSpread: 60,
});

const workflow = chainWorkflow('soak', [
	manualTrigger(),
	...itemsFrom(lookups.map(({ url, max }) => ({ url, max }))),
	nyneNode(
		{
			resource: 'interaction',
			operation: 'getFollowers',
			socialMediaUrl: '={{ $json.url }}',
			maxResults: '={{ $json.max }}',
			waitMode: 'poll',
			options: { output: 'split', timeout: 600 },
		},
		{ onError: 'continueRegularOutput' },
	),
]);

/** The raw (still "flatted") execution_data rows of a workflow, as n8n stored them. */
async function rawExecutionRows(instance: N8nInstance, workflowId: string): Promise<string[]> {
	const rows = await query<{ data: string; workflowData: string }>(
		databaseFile(instance),
		'SELECT d.data, d.workflowData FROM execution_data d JOIN execution_entity e ON e.id = d.executionId WHERE e.workflowId = ?',
		[workflowId],
	);
	return rows.flatMap((row) => [row.data, row.workflowData]);
}

/** Every file n8n wrote in its .n8n folder (database, WAL, event logs, config), the installed package excepted. */
function n8nFilesText(instance: N8nInstance): string {
	const root = join(instance.userFolder, '.n8n');
	const texts: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (path === join(root, 'nodes')) continue;
			if (statSync(path).isDirectory()) walk(path);
			else texts.push(readFileSync(path).toString('latin1'));
		}
	};
	walk(root);
	return texts.join('\n');
}

function describeNyneSoak(target: N8nTarget): void {
	describe(`fault soak: ${ITEMS} lookups through the Nyne node in real n8n ${target.version}, random faults`, () => {
		let sandbox: Sandbox;
		let clean: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n | undefined;
		const log: string[] = [];
		let execution: StoredExecution;

		beforeAll(async () => {
			sandbox = await startSandbox({
				timeScale: TIME_SCALE,
				jobDurationMs: 10_000,
				keys: [{ apiKey: CANARY_KEY, apiSecret: CANARY_SECRET }],
				log: (line) => log.push(line),
			});
			clean = await startSandbox({ timeScale: TIME_SCALE, jobDurationMs: 0, rateLimit: false });
			n8n = await target.createInstance();
			server = await startN8n(n8n);
			const session = await ownerSession(n8n);
			await importInEditor(n8n, session, {
				credentials: [nyneCredential(sandbox)],
				workflows: [workflow],
			});
			sandbox.control.setRandomFaults({ seed: SEED, rates: SOAK_FAULT_RATES });
			// Each of these is certain, whatever the dice say: a POST whose answer is lost, a torn GET answer, a 429 burst.
			sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
			sandbox.control.injectFault({ kind: 'malformed_json', method: 'GET' });
			sandbox.control.injectFault({ kind: 'rate_limit', times: 3, retryAfterSeconds: 20 });
			execution = await runManually(n8n, session, workflow, { timeoutMs: 600_000 });
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			await clean?.close();
			n8n?.dispose();
		});

		it('every input item ends with its full result or one error item with a code, and none is submitted twice', async () => {
			expect(execution.status, JSON.stringify(execution.data.resultData.error)).toBe('success');
			const stats = sandbox.control.stats();
			await checkSoakRun({
				name: 'n8n soak',
				lookups,
				items: nodeItems(execution.data, 'Nyne'),
				stats,
				log,
				expectedPeople: (lookup) =>
					directLookup(clean, {
						type: 'followers',
						social_media_url: lookup.url,
						max_results: lookup.max,
					}),
				gaveUpAtMost: 2,
			});
			// The faults did happen, so the result above means something.
			expect(stats.status5xx).toBeGreaterThan(0);
			expect(stats.status429).toBeGreaterThanOrEqual(3);
			expect(log.some((line) => line.includes('fault=slow'))).toBe(true);
			expect(
				log.some((line) => line.startsWith('GET') && line.includes('fault=malformed_json')),
			).toBe(true);
		});

		it('the sandbox key and secret appear nowhere: not in the execution row, n8n files, or the n8n log', async () => {
			const rows = await rawExecutionRows(n8n, workflow.id);
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.join('\n')).toContain('soak_000');
			expect(leaksIn(rows.join('\n'))).toEqual([]);
			expect(leaksIn(n8nFilesText(n8n))).toEqual([]);
			expect(leaksIn(server?.output() ?? '')).toEqual([]);
			expect(leaksIn(log.join('\n'))).toEqual([]);
		});
	});
}

for (const target of N8N_TARGETS) describeNyneSoak(target);
