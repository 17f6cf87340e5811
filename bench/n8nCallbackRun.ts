// The callback path of a batch in a real n8n (the newest pinned) under `n8n start`: a webhook starts one execution
// of "N items -> Nyne (getFollowers, Don't Wait, Callback URL = an active Nyne Trigger's production URL, Reference =
// the item's row)", the sandbox on real time posts each result to the trigger, and every lookup should come out of
// the trigger workflow once, with its own row.
import { duplicateSubmissions, batchUrls, startTimedSandbox } from './timedSandbox';

type Harness = typeof import('../test/helpers/n8n');

export interface N8nCallbackFigures {
	items: number;
	requests: number;
	http429: number;
	/** Lookups whose reference no successful execution of the trigger workflow carried. */
	lost: number;
	/** Lookups submitted more than once. */
	duplicates: number;
	/** Callback deliveries n8n answered with anything but 2xx. */
	refused: number;
	/** Real ms from the sandbox's first API request to the last callback n8n accepted. */
	wallMs: number;
	/** Real ms for everything: build check, user folder, imports, n8n start-up, the run and reading the results. */
	totalMs: number;
	starterStatus: string;
}

const TOKEN = 'bench-callback-token-7f3e21a9';
const RECEIVER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-0000000be001';
const STARTER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-0000000be002';
/** After the last POST, how long the last callbacks get to arrive before what is missing counts as lost. */
const CALLBACK_GRACE_MS = 120_000;

const rowOf = (i: number) => `row-${i + 1}`;

export async function runN8nCallbackBatch(
	harness: Harness,
	items: number,
	jobMs: number,
	started: number,
): Promise<N8nCallbackFigures> {
	const {
		createN8nInstance,
		databaseFile,
		importInEditor,
		listExecutions,
		nodeOutput,
		nyneCredential,
		ownerSession,
		query,
		referenceBatchWorkflows,
		startN8n,
		waitForExecutions,
	} = harness;
	const { sandbox, requestTimes, deliveryTimes } = await startTimedSandbox(jobMs);
	const n8n = await createN8nInstance();
	let server: Awaited<ReturnType<typeof startN8n>> | undefined;
	try {
		const receiverUrl = `${n8n.baseUrl}/webhook/${RECEIVER_WEBHOOK_ID}/nyne`;
		const { receiver, starter } = referenceBatchWorkflows({
			label: 'bench callback',
			webhookIds: [RECEIVER_WEBHOOK_ID, STARTER_WEBHOOK_ID],
			path: 'bench-callback-batch',
			receiverUrl,
			token: TOKEN,
			output: 'single',
			rows: batchUrls(items).map((url, i) => ({ url, row: rowOf(i) })),
		});
		server = await startN8n(n8n);
		await importInEditor(n8n, await ownerSession(n8n), {
			credentials: [nyneCredential(sandbox)],
			workflows: [receiver, starter],
			publish: [receiver, starter],
		});

		const kickoff = await fetch(`${n8n.baseUrl}/webhook/bench-callback-batch`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		if (!kickoff.ok) throw new Error(`the starter webhook answered ${kickoff.status}`);
		// One POST a lookup at 60/min, with room for a loaded machine.
		const [starterRun] = await waitForExecutions(
			n8n,
			starter.id,
			(all) => all.some((e) => e.finished || e.status === 'error' || e.status === 'crashed'),
			{ timeoutMs: (items + 300) * 1000, intervalMs: 2000 },
		);
		const successes = async () =>
			(
				await query<{ n: number }>(
					databaseFile(n8n),
					`SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ? AND status = 'success'`,
					[receiver.id],
				)
			)[0]?.n ?? 0;
		const deadline = Date.now() + jobMs + CALLBACK_GRACE_MS;
		while ((await successes()) < items && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 1000));

		const expected = new Set(Array.from({ length: items }, (_, i) => rowOf(i)));
		const arrived = new Set<unknown>();
		for (const execution of await listExecutions(n8n, receiver.id)) {
			if (execution.status !== 'success') continue;
			for (const lookup of nodeOutput(execution.data, 'Nyne Trigger'))
				if (expected.has(String(lookup.reference))) arrived.add(lookup.reference);
		}
		const stats = sandbox.control.stats();
		const lastDelivery = deliveryTimes[deliveryTimes.length - 1];
		return {
			items,
			requests: stats.requests,
			http429: stats.status429,
			lost: items - arrived.size,
			duplicates: duplicateSubmissions(stats),
			refused: sandbox.control
				.callbacks()
				.filter((d) => d.status === undefined || d.status < 200 || d.status >= 300).length,
			wallMs:
				requestTimes.length > 0 && lastDelivery !== undefined ? lastDelivery - requestTimes[0] : 0,
			totalMs: Date.now() - started,
			starterStatus: starterRun.status,
		};
	} finally {
		await server?.stop();
		await sandbox.close();
		n8n.dispose();
	}
}
