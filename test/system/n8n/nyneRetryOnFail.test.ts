// n8n's own "Retry On Fail" re-executes the node within one execution. The node must remember what it
// already submitted for each item and reuse it, so a retry never pays for a lookup again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	execute,
	importCredentials,
	importWorkflow,
	itemsFromUrls,
	listExecutions,
	manualTrigger,
	nyneCredential,
	nyneNode,
	runError,
	type N8nInstance,
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
		},
		RETRY,
	),
]);

function describeNyneRetryOnFail(target: N8nTarget): void {
	describe(`Retry On Fail in real n8n ${target.version} never pays twice`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		const submissions = (handle: string) =>
			sandbox.control.stats().submissionsByTarget[`twitter:${handle}`] ?? 0;

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			await importCredentials(n8n, [nyneCredential(sandbox)]);
			await importWorkflow(n8n, [droppedAnswer, oneItemFails]);
		});
		afterAll(async () => {
			await sandbox?.close();
			n8n?.dispose();
		});

		it('a POST whose answer was lost after Nyne created the job is not sent again by the retries', async () => {
			sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
			const result = await execute(n8n, droppedAnswer.id);
			expect(result.code).not.toBe(0);
			const [execution] = await listExecutions(n8n, droppedAnswer.id);
			expect(execution.status).toBe('error');
			expect(runError(execution.data, 'Nyne')?.message ?? '').not.toBe('');
			expect(submissions('retry_once')).toBe(1);
		});

		it('when one item fails the run, the retries reuse every lookup already started: one job per item', async () => {
			const result = await execute(n8n, oneItemFails.id);
			expect(result.code).not.toBe(0);
			const [execution] = await listExecutions(n8n, oneItemFails.id);
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
