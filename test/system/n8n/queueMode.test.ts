// The package in n8n's queue mode: one main, two workers, one webhook processor, Redis and Postgres (issue 13).
// Wait for Callback resumes through the webhook processor, the Nyne Trigger drops a callback delivered twice even
// when the copies reach different processes, the Follower Trigger's state survives a restart of main, and two
// workers sharing one Nyne key stay within 60/min through the server's RateLimit headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	callbackWorkflows,
	BATCH_API_LINE,
	BATCH_CREDENTIAL_ID,
	BATCH_CREDENTIAL_NAME,
	batchWorkflow,
	chainWorkflow,
	createQueueCluster,
	directLookup,
	importInEditor,
	isPublished,
	listQueueExecutions,
	nodeItems,
	nodeOutput,
	nyneCredential,
	nyneCredentialRef,
	ownerSession,
	runError,
	runQueueBatch,
	waitForQueueExecutions,
	useShiftedClock,
	workflowStaticData,
	NYNE_FOLLOWER_TRIGGER_TYPE,
	type QueueBatchFigures,
	type QueueCluster,
	type SessionHeaders,
	fastPollTimes,
	FAST_POLL_MS,
	type WorkflowJson,
} from '../../helpers/n8n';
import { latest, n8n2, N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

const TOKEN = 'e2e-queue-callback-token-5b1d';
const HOUR_MS = 3_600_000;
const RECEIVER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-00000000d001';
const FOLLOWED = 'https://x.com/qfollow_e2e';
const FOLLOWED_KEY = 'twitter:qfollow_e2e';
// 8 executions of 8 items on two workers, one key at 60/min: 136 requests (a POST and a status read per lookup, a
// balance read per execution) fill two minute windows and spill into a third, so the two workers must share
// each window's allowance. The 300-lookup figure (20 x 15) stays in `npm run bench`.
const BATCH_EXECUTIONS = 8;
const BATCH_ITEMS = 8;
const BATCH_JOB_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * How long a step may take here: what the product promises plus room for n8n on a loaded machine. A lookup is sent
 * within one rate-limit window (60 s) of its start even on a key another workflow exhausts; a queued execution
 * reaches a worker, a webhook reaches the webhook processor and a callback is delivered in seconds.
 */
const LOOKUP_SENT_MS = 60_000 + 30_000;
const DELIVERY_MS = 60_000;

function describeQueueMode(target: N8nTarget): void {
	describe(`queue mode in real n8n ${target.version}: main + 2 workers + webhook processor, Redis, Postgres`, () => {
		let sandbox: Sandbox;
		const sandboxLog: string[] = [];
		let batchSandbox: Sandbox;
		const batchRequestTimes: number[] = [];
		let cluster: QueueCluster;
		let session: SessionHeaders;
		let receiver: WorkflowJson;
		let starter: WorkflowJson;
		let waiter: WorkflowJson;
		let follower: WorkflowJson;
		let batch: WorkflowJson;
		/** The shared-key batch starts as soon as the cluster is up and drains while the other tests run. */
		let batchRun: Promise<{ figures?: QueueBatchFigures; error?: unknown }>;
		let receiverUrl: string;
		/** Two polls of the Follower Trigger, and room for n8n on a loaded machine. */
		const twoPollsMs = Math.max(90_000, 2 * FAST_POLL_MS + 30_000);
		const submissionsFor = (key: string) => sandbox.control.stats().submissionsByTarget[key] ?? 0;

		async function waitForSubmissions(
			key: string,
			count: number,
			timeoutMs = twoPollsMs,
		): Promise<void> {
			const deadline = Date.now() + timeoutMs;
			while (submissionsFor(key) < count) {
				if (Date.now() > deadline)
					throw new Error(`${key}: ${submissionsFor(key)} submissions, waited for ${count}`);
				await sleep(250);
			}
		}

		beforeAll(async () => {
			// the callbacks' and the Follower Trigger's sandbox: its rate limit is not under test here (the batch's is)
			sandbox = await startSandbox({
				timeScale: 1,
				jobDurationMs: 500,
				rateLimit: false,
				log: (line) => sandboxLog.push(line),
			});
			batchSandbox = await startSandbox({
				timeScale: 1,
				jobDurationMs: BATCH_JOB_MS,
				rateLimit: { perMinute: 60, perHour: 1000 },
				log: (line) => {
					if (BATCH_API_LINE.test(line)) batchRequestTimes.push(Date.now());
				},
			});
			// 15 slots a worker: the batch's 8 executions leave room for the other tests' executions
			cluster = await createQueueCluster({
				n8nVersion: target.version,
				workers: 2,
				concurrency: 15,
			});
			const webhookBase = cluster.webhookBaseUrl;
			receiverUrl = `${webhookBase}/webhook/${RECEIVER_WEBHOOK_ID}/nyne`;
			({ receiver, starter, waiter } = callbackWorkflows({
				label: 'queue',
				webhookIds: [
					RECEIVER_WEBHOOK_ID,
					'6a1f0c3e-0000-4000-8000-00000000d002',
					'6a1f0c3e-0000-4000-8000-00000000d003',
				],
				receiverUrl,
				token: TOKEN,
				output: 'single',
				accounts: ['qfrank_e2e', 'qgrace_e2e'],
			}));
			follower = chainWorkflow('queue new followers', [
				{
					name: 'Nyne Follower Trigger',
					type: NYNE_FOLLOWER_TRIGGER_TYPE,
					typeVersion: 1,
					parameters: {
						socialMediaUrl: FOLLOWED,
						event: 'newFollower',
						maxResults: 50,
						checkEveryHours: 1,
						pollTimes: fastPollTimes(),
					},
					credentials: nyneCredentialRef(),
				},
			]);
			batch = batchWorkflow();
			const flows = [receiver, starter, waiter, follower, batch];
			await cluster.start(async () => {
				session = await ownerSession(cluster.main);
				await importInEditor(cluster.main, session, {
					credentials: [
						nyneCredential(sandbox),
						nyneCredential(batchSandbox, BATCH_CREDENTIAL_ID, BATCH_CREDENTIAL_NAME),
					],
					workflows: flows,
					publish: flows,
				});
			});
			batchRun = runQueueBatch({
				executions: BATCH_EXECUTIONS,
				itemsPerExecution: BATCH_ITEMS,
				jobMs: BATCH_JOB_MS,
				sandbox: batchSandbox,
				requestTimes: batchRequestTimes,
				postgres: cluster.postgres,
				webhookBaseUrl: cluster.webhookBaseUrl,
				workflowId: batch.id,
			}).then(
				(figures) => ({ figures }),
				(error: unknown) => ({ error }),
			);
		});
		afterAll(async () => {
			await cluster?.stop();
			await sandbox?.close();
			await batchSandbox?.close();
		});

		const postToWebhookProcessor = (path: string, body: unknown = {}) =>
			fetch(`${cluster.webhookBaseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		/** Which workers' logs name an execution id (n8n logs every execution a worker picks up). */
		const workersThatRan = (executionId: string) =>
			cluster
				.workerProcesses()
				.filter((worker) => new RegExp(`execution ${executionId}\\b`).test(worker.output())).length;

		it('starts main, two workers and a webhook processor on Postgres and Redis, with the package loaded everywhere', async () => {
			for (const flow of [receiver, starter, waiter, follower, batch])
				expect(await isPublished(cluster.main, session, flow)).toBe(true);
			expect(cluster.workerProcesses()).toHaveLength(2);
			for (const process of [
				cluster.mainProcess(),
				...cluster.workerProcesses(),
				cluster.webhookProcess(),
			]) {
				expect(process.output()).not.toMatch(
					/Unrecognized node type|n8n-nodes-nyne.*(could not|failed to) load/i,
				);
			}
		});

		it('Wait for Callback: the execution waits on a worker, the callback reaches the webhook processor, a worker finishes it', async () => {
			sandbox.control.setJobDurationMs(4000);
			expect((await postToWebhookProcessor('queue-start-wait')).status).toBe(200);

			const [settled] = await waitForQueueExecutions(
				cluster.postgres,
				waiter.id,
				(all) => all.some((e) => e.status !== 'running' && e.status !== 'new'),
				{ timeoutMs: LOOKUP_SENT_MS },
			);
			expect(settled.status, JSON.stringify(runError(settled.data, 'Nyne')?.message)).toBe(
				'waiting',
			);
			const [done] = await waitForQueueExecutions(
				cluster.postgres,
				waiter.id,
				(all) => all.some((e) => e.status === 'success'),
				{ timeoutMs: DELIVERY_MS },
			);
			const items = nodeItems(done.data, 'Nyne');
			const requestId = String(items[0]?.json.request_id);
			// the Follower Trigger polls this sandbox too: count only the asks about this lookup
			const polls = sandboxLog.filter((line) =>
				line.startsWith(`GET /person/interactions?request_id=${requestId} `),
			);
			const expected = await directLookup(sandbox, {
				type: 'followers',
				social_media_url: 'https://x.com/qgrace_e2e',
				max_results: 12,
			});
			expect(items.map((i) => i.json.username)).toEqual(expected.map((p) => p.username));
			for (const item of items)
				expect(item.json).toMatchObject({ target_username: 'qgrace_e2e', relation: 'follower' });
			expect(requestId).toMatch(/^interaction_/);
			expect(polls).toEqual([]);
			const callbacks = sandbox.control
				.callbacks()
				.filter((c) => c.url.includes('/webhook-waiting/'));
			expect(callbacks.map((c) => c.status)).toEqual([200]);
			expect(new URL(callbacks[0].url).origin).toBe(cluster.webhookBaseUrl);
			expect(workersThatRan(done.id)).toBeGreaterThanOrEqual(1);
			expect(cluster.mainProcess().output()).not.toMatch(
				new RegExp(`Worker started execution ${done.id}\\b`),
			);
		});

		it('Nyne Trigger through the webhook processor: a callback delivered twice, then again seconds later to main, starts one execution', async () => {
			sandbox.control.setJobDurationMs(500);
			sandbox.control.injectFault({ kind: 'duplicate_callback' });
			expect((await postToWebhookProcessor('queue-start-lookup')).status).toBe(200);
			const [started] = await waitForQueueExecutions(
				cluster.postgres,
				starter.id,
				(all) => all.some((e) => e.status === 'success'),
				{ timeoutMs: LOOKUP_SENT_MS },
			);
			const requestId = String(nodeOutput(started.data, 'Nyne')[0].request_id);
			expect(requestId).toMatch(/^interaction_/);

			const [received] = await waitForQueueExecutions(
				cluster.postgres,
				receiver.id,
				(all) => all.some((e) => e.status === 'success'),
				{ timeoutMs: DELIVERY_MS },
			);
			expect(received.mode).toBe('webhook');
			const [result] = nodeOutput(received.data, 'Nyne Trigger');
			expect(result).toMatchObject({ request_id: requestId, status: 'completed' });
			const deliveries = () => sandbox.control.callbacks().filter((c) => c.requestId === requestId);
			const deadline = Date.now() + DELIVERY_MS;
			while (!deliveries().some((c) => c.duplicate && c.status !== undefined)) {
				if (Date.now() > deadline) throw new Error('the duplicate callback was not delivered');
				await sleep(200);
			}
			for (const delivery of deliveries()) expect(delivery.status).toBe(200);

			// Nyne retries later, and a load balancer may send the retry to another process: here, main
			await sleep(3000);
			const payload = await callbackPayloadFor(sandbox, requestId);
			const replayed = await fetch(
				`${cluster.main.baseUrl}/webhook/${RECEIVER_WEBHOOK_ID}/nyne?token=${TOKEN}`,
				{
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(payload),
				},
			);
			expect(replayed.status).toBe(200);
			expect(await replayed.json()).toMatchObject({ duplicate: true });
			await sleep(2000);
			expect(listQueueExecutions(cluster.postgres, receiver.id)).toHaveLength(1);
		});

		it(
			'Follower Trigger: polls on main, keeps its state in Postgres, and across restarts of main emits exactly what changed while it was down',
			async () => {
				// A lookup starts at most once per Check Every (Hours), 1 here: main runs on a clock the test moves
				// an hour on (helpers/n8n/shiftedClock.cjs) from its next start, which the restarts below provide.
				const clock = useShiftedClock(cluster.main);
				await waitForSubmissions(FOLLOWED_KEY, 1);
				expect(listQueueExecutions(cluster.postgres, follower.id)).toHaveLength(0);
				// n8n saves a poller's static data when it is activated and when a poll emits: here, the first lookup
				expect(JSON.stringify(workflowStaticData(cluster.postgres, follower.id))).toMatch(
					/"pending":\{"requestId":"interaction_/,
				);

				const followersNow = async () =>
					(
						await directLookup(sandbox, {
							type: 'followers',
							social_media_url: FOLLOWED,
							max_results: 50,
						})
					).map((p) => p.username);
				/** Stops main, adds followers while nobody polls, starts main again: returns who was added. */
				const addWhileMainIsDown = async (count: number): Promise<string[]> => {
					await cluster.mainProcess().stop();
					const before = new Set(await followersNow());
					sandbox.control.churn('twitter', 'qfollow_e2e', { addFollowers: count });
					const added = (await followersNow()).filter((u) => !before.has(u));
					expect(added).toHaveLength(count);
					await clock.advance(HOUR_MS);
					await cluster.restartMain();
					return added;
				};
				const successes = (count: number) =>
					waitForQueueExecutions(
						cluster.postgres,
						follower.id,
						(all) => all.filter((e) => e.status === 'success').length >= count,
						{ timeoutMs: twoPollsMs },
					);
				const emitted = (execution: { data: Parameters<typeof nodeOutput>[0] }) =>
					nodeOutput(execution.data, 'Nyne Follower Trigger')
						.map((e) => e.username)
						.sort();

				// before any event: the restart keeps the baseline of the first lookup, so the change is not lost
				const addedFirst = await addWhileMainIsDown(2);
				const [first] = await successes(1);
				expect(first.mode).toBe('trigger');
				expect(emitted(first)).toEqual([...addedFirst].sort());

				// after an event: the state saved with it survives; no flood of old followers, nothing repeated
				const addedSecond = await addWhileMainIsDown(3);
				const executions = await successes(2);
				expect(emitted(executions[1])).toEqual([...addedSecond].sort());
				for (let hour = 0; hour < 2; hour++) {
					const seen = submissionsFor(FOLLOWED_KEY);
					await clock.advance(HOUR_MS);
					await waitForSubmissions(FOLLOWED_KEY, seen + 1);
				}
				await sleep(FAST_POLL_MS + 10_000);
				expect(listQueueExecutions(cluster.postgres, follower.id)).toHaveLength(2);
			},
			5 * twoPollsMs,
		);

		it(
			`rate limits across processes: ${BATCH_EXECUTIONS} executions x ${BATCH_ITEMS} items on two workers, one key at 60/min: 429s <= 2%, none lost or sent twice, in as few minute windows as its requests need`,
			async () => {
				const { figures, error } = await batchRun;
				if (!figures) throw error;
				console.log(`queue batch figures: ${JSON.stringify(figures)}`);
				const executions = listQueueExecutions(cluster.postgres, batch.id);
				const perWorker = cluster
					.workerProcesses()
					.map(
						(worker) =>
							executions.filter((e) => new RegExp(`execution ${e.id}\\b`).test(worker.output()))
								.length,
					);
				console.log(`executions per worker: ${JSON.stringify(perWorker)}`);
				expect(figures.statuses).toEqual(Array(BATCH_EXECUTIONS).fill('success'));
				expect(perWorker.every((count) => count > 0)).toBe(true);
				expect(figures.lost).toBe(0);
				expect(figures.duplicates).toBe(0);
				expect(figures.share429).toBeLessThanOrEqual(0.02);
				// At the floor: the batch took no more of the limit's minute windows than its requests need (3 for 136).
				// A window opens at the first request after the last one closed, so lateness on a loaded machine moves a
				// request or two into the next window ([60, 59, 17]) but cannot open another; paced at half the
				// allowance, the batch would take 5.
				expect(figures.minuteWindows).toHaveLength(figures.windowsNeeded);
			},
			15 * 60_000,
		);
	});
}

/** The body Nyne posts to a callback URL, rebuilt from the finished request (as the sandbox sends it). */
async function callbackPayloadFor(
	sandbox: Sandbox,
	requestId: string,
): Promise<Record<string, unknown>> {
	const headers = { 'x-api-key': sandbox.apiKey, 'x-api-secret': sandbox.apiSecret };
	const response = await fetch(
		`${sandbox.url}/person/interactions?request_id=${encodeURIComponent(requestId)}`,
		{ headers },
	);
	const json = (await response.json()) as {
		data: {
			status: string;
			interaction_type: string;
			platform: string;
			result: { interactions: unknown[] };
		};
	};
	const { data } = json;
	return {
		request_id: requestId,
		status: data.status,
		interaction_type: data.interaction_type,
		platform: data.platform,
		data: data.result,
		result_count: data.result.interactions.length,
	};
}

for (const target of [latest, n8n2]) if (N8N_TARGETS.includes(target)) describeQueueMode(target);
