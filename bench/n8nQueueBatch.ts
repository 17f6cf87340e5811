// The two-worker row of the batch table: n8n 2.8.4 in queue mode (main, two workers, a webhook processor, Redis,
// Postgres), 20 executions of 15 lookups started at once on one Nyne key, against a sandbox on real time that
// enforces 60/min and 1000/hour. The workers' limiters cannot see each other; the server's headers coordinate them.
import { pinnedN8nVersion } from '../scripts/n8n/versions.mjs';
import { startSandbox } from '../sandbox';
import { pollRequests } from '../shared';
import { fixed } from './format';
import { noteFailure, sized } from './mode';
import { firstLine, loadN8nHarness, n8nUnavailable } from './n8nPresence';

const JOB_MS = 2_000;
const ITEMS = sized(15, 2);

function count(name: string, fallback: number): number {
	const value = Math.floor(Number(process.env[name] ?? fallback));
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

function naRow(label: string, why: string): { row: string[]; note: string } {
	return { row: [label, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'], note: `queue row n/a: ${why}` };
}

export async function n8nQueueRow(): Promise<{ row: string[]; note: string }> {
	const executions = count('NYNE_BENCH_QUEUE_EXECUTIONS', sized(20, 2));
	const version = pinnedN8nVersion('n8n2');
	const label = `n8n ${version} queue mode, 2 workers, one key (${executions} x ${ITEMS} items, real time)`;
	const unavailable = n8nUnavailable(version);
	if (unavailable) return naRow(label, unavailable);
	const started = Date.now();
	let harness;
	try {
		harness = await loadN8nHarness(version);
	} catch (error) {
		noteFailure('the queue row');
		return naRow(label, `n8n ${version} could not be prepared: ${firstLine(error)}`);
	}
	const {
		BATCH_API_LINE,
		BATCH_CREDENTIAL_ID,
		BATCH_CREDENTIAL_NAME,
		batchWorkflow,
		createQueueCluster,
		importInEditor,
		nyneCredential,
		ownerSession,
		runQueueBatch,
	} = harness;
	const requestTimes: number[] = [];
	const sandbox = await startSandbox({
		timeScale: 1,
		jobDurationMs: JOB_MS,
		rateLimit: { perMinute: 60, perHour: 1000 },
		log: (line) => {
			if (BATCH_API_LINE.test(line)) requestTimes.push(Date.now());
		},
	});
	let cluster;
	try {
		const created = await createQueueCluster({ n8nVersion: version, workers: 2 });
		cluster = created;
		const workflow = batchWorkflow();
		await created.start(async () => {
			await importInEditor(created.main, await ownerSession(created.main), {
				credentials: [nyneCredential(sandbox, BATCH_CREDENTIAL_ID, BATCH_CREDENTIAL_NAME)],
				workflows: [workflow],
				publish: [workflow],
			});
		});
		const figures = await runQueueBatch({
			executions,
			itemsPerExecution: ITEMS,
			jobMs: JOB_MS,
			sandbox,
			requestTimes,
			postgres: cluster.postgres,
			webhookBaseUrl: cluster.webhookBaseUrl,
			workflowId: workflow.id,
		});
		return {
			row: [
				label,
				`${figures.http429} (${fixed(figures.share429 * 100)}%)`,
				String(figures.lost),
				String(figures.duplicates),
				String(figures.requests),
				fixed(figures.wallMs / 60_000),
				`${fixed(figures.wallMs / figures.floorMs, 2)}×`,
			],
			note: [
				`queue row: ${figures.lookups} lookups in ${figures.executions} executions started at once through the webhook processor, jobs of ${JOB_MS / 1000} s; 429 share ${fixed(figures.share429 * 100, 2)}% of ${figures.requests} requests.`,
				`Its wall is real time from the sandbox's first request to its last: ${fixed(figures.wallMs / 1000)} s against a floor of ${fixed(figures.floorMs / 1000)} s for ${pollRequests(figures.lookups, figures.executions)} requests (a POST and a status read per lookup, and each execution's credit balance read); ${fixed((Date.now() - started) / 1000)} s real in all with Redis, Postgres and four n8n processes starting.`,
			].join('\n'),
		};
	} catch (error) {
		noteFailure('the queue row');
		return naRow(label, `the run failed: ${firstLine(error)}`);
	} finally {
		await cluster?.stop();
		await sandbox.close();
	}
}
