// n8n's own "Retry On Fail" re-executes the node within one execution. The node must remember what it
// already submitted for each item and reuse it, so a retry never pays for a lookup again. The workflows run as the
// editor runs them, with Reuse Paid Lookups off: what a retry does not pay for again, the node's own memory saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	importInEditor,
	itemsFromUrls,
	manualTrigger,
	nyneCredential,
	nyneNode,
	ownerSession,
	runError,
	runManually,
	startN8n,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
} from '../../helpers/n8n';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

const droppedAnswer = chainWorkflow('retry after a dropped answer', [
	manualTrigger(),
	nyneNode(
		{
			resource: 'interaction',
			operation: 'getFollowers',
			socialMediaUrl: 'https://x.com/retry_once',
			maxResults: 10,
			options: { reuse: 'never' },
		},
		RETRY,
	),
]);

const oneItemFails = chainWorkflow('retry with one failing item', [
	manualTrigger(),
	...itemsFromUrls([
		'https://x.com/retry_first',
		'https://x.com/nodata_retry',
		'https://x.com/retry_third',
	]),
	nyneNode(
		{
			resource: 'interaction',
			operation: 'getFollowers',
			socialMediaUrl: '={{ $json.url }}',
			maxResults: 10,
			options: { reuse: 'never' },
		},
		RETRY,
	),
]);

function describeNyneRetryOnFail(target: N8nTarget): void {
	describe(`Retry On Fail in real n8n ${target.version} never pays twice`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n | undefined;
		let session: SessionHeaders;
		const submissions = (handle: string) =>
			sandbox.control.stats().submissionsByTarget[`twitter:${handle}`] ?? 0;

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			server = await startN8n(n8n);
			session = await ownerSession(n8n);
			await importInEditor(n8n, session, {
				credentials: [nyneCredential(sandbox)],
				workflows: [droppedAnswer, oneItemFails],
			});
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		it('a POST whose answer was lost after Nyne created the job is not sent again by the retries', async () => {
			sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
			const execution = await runManually(n8n, session, droppedAnswer);
			expect(execution.status).toBe('error');
			expect(runError(execution.data, 'Nyne')?.message ?? '').not.toBe('');
			expect(submissions('retry_once')).toBe(1);
		});

		it('when one item fails the run, the retries reuse every lookup already started: one job per item', async () => {
			const execution = await runManually(n8n, session, oneItemFails);
			expect(execution.status).toBe('error');
			expect(runError(execution.data, 'Nyne')?.message).toMatch(/lookup failed/i);
			expect([
				submissions('retry_first'),
				submissions('nodata_retry'),
				submissions('retry_third'),
			]).toEqual([1, 1, 1]);
		});
	});
}

for (const target of N8N_TARGETS) describeNyneRetryOnFail(target);
