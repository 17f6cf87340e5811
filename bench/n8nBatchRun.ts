// One editor run of "Start -> N items -> Nyne (getFollowers, Wait for Result, one item per lookup)" in a real
// n8n (the newest pinned), against a sandbox on real time that enforces 60/min and 1000/hour: the n8n row of the batch table.
import { batchUrls, duplicateSubmissions, startTimedSandbox } from './timedSandbox';

/** The end-to-end harness as loadN8nHarness gives it (importing it loads the installed n8n's modules). */
type Harness = typeof import('../test/helpers/n8n');

export interface N8nBatchFigures {
	items: number;
	http429: number;
	lost: number;
	duplicates: number;
	requests: number;
	/** Real ms from the sandbox's first API request (the balance read included) to its last. */
	wallMs: number;
	/** Real ms for everything: build check, n8n user folder, imports, n8n start-up and the run. */
	totalMs: number;
	executionStatus: string;
}

export async function runN8nBatch(
	harness: Harness,
	items: number,
	jobMs: number,
	started: number,
): Promise<N8nBatchFigures> {
	const {
		chainWorkflow,
		createN8nInstance,
		importInEditor,
		itemsFromUrls,
		manualTrigger,
		nodeItems,
		nyneCredential,
		nyneNode,
		ownerSession,
		runManually,
		startN8n,
	} = harness;
	const { sandbox, requestTimes } = await startTimedSandbox(jobMs);
	const n8n = await createN8nInstance();
	let server: Awaited<ReturnType<typeof startN8n>> | undefined;
	try {
		const workflow = chainWorkflow('bench batch', [
			manualTrigger(),
			...itemsFromUrls(batchUrls(items)),
			nyneNode({
				resource: 'interaction',
				operation: 'getFollowers',
				socialMediaUrl: '={{ $json.url }}',
				maxResults: 10,
				waitMode: 'poll',
				options: { output: 'single', timeout: 3600 },
			}),
		]);
		server = await startN8n(n8n);
		const session = await ownerSession(n8n);
		await importInEditor(n8n, session, {
			credentials: [nyneCredential(sandbox)],
			workflows: [workflow],
		});
		// 2 requests a lookup at 60/min, with room to spare.
		const execution = await runManually(n8n, session, workflow, {
			timeoutMs: (items * 2 + 600) * 1000,
		});
		const completed = new Set<number>();
		for (const item of nodeItems(execution.data, 'Nyne')) {
			const input = (item.pairedItem as { item?: number } | undefined)?.item;
			const json = item.json;
			if (
				typeof input === 'number' &&
				json.status === 'completed' &&
				Array.isArray(json.interactions) &&
				json.interactions.length > 0
			)
				completed.add(input);
		}
		const stats = sandbox.control.stats();
		return {
			items,
			http429: stats.status429,
			lost: items - completed.size,
			duplicates: duplicateSubmissions(stats),
			requests: stats.requests,
			wallMs: requestTimes.length > 0 ? requestTimes[requestTimes.length - 1] - requestTimes[0] : 0,
			totalMs: Date.now() - started,
			executionStatus: execution.status,
		};
	} finally {
		await server?.stop();
		await sandbox.close();
		n8n.dispose();
	}
}
