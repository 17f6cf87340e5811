// Many executions at once on the workers of a queue-mode n8n, one Nyne key: each execution is started by a POST
// to the webhook processor and looks up its own list of profiles with Wait for Result. The figures are what the
// issue asks of a shared key: 429 share, lookups lost, duplicate submissions, time against the floor (counted in the
// sandbox's minute windows: a window opens at the first request after the last one closed, so seconds of lateness on a
// loaded machine do not add one).
import type { Sandbox } from '../../../sandbox/index';
import { nodeItems, type StoredExecution } from './executions';
import { nyneCredentialRef } from './credentials';
import { nyneNode, webhookTrigger } from './nyneWorkflows';
import type { Postgres } from './queueServices';
import { waitForQueueExecutions } from './queueExecutions';
import { chainWorkflow, type WorkflowJson } from './workflows';
import { pollRequests, RATE_LIMIT_PER_MINUTE, windowFloorMs } from '../../../shared';

export const BATCH_PATH = 'nyne-batch';
export const BATCH_CREDENTIAL_ID = 'nyneBatchCred01';
export const BATCH_CREDENTIAL_NAME = 'Nyne batch sandbox';

/** Webhook (POST {list: [{url}]}) -> one item per url -> Nyne getFollowers, Wait for Result, one item per lookup. */
export function batchWorkflow(): WorkflowJson {
	return chainWorkflow('queue batch', [
		webhookTrigger(BATCH_PATH, '6a1f0c3e-0000-4000-8000-00000000b001'),
		{
			name: 'One Item Each',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.list', options: {} },
		},
		nyneNode(
			{
				resource: 'interaction',
				operation: 'getFollowers',
				socialMediaUrl: '={{ $json.url }}',
				maxResults: 10,
				waitMode: 'poll',
				options: { output: 'single', timeout: 3600 },
			},
			{ credentials: nyneCredentialRef(BATCH_CREDENTIAL_ID, BATCH_CREDENTIAL_NAME) },
		),
	]);
}

export function batchProfiles(execution: number, items: number): string[] {
	return Array.from(
		{ length: items },
		(_, i) => `https://x.com/q${String(execution).padStart(2, '0')}_${String(i).padStart(2, '0')}`,
	);
}

export interface QueueBatchFigures {
	executions: number;
	lookups: number;
	requests: number;
	http429: number;
	/** 429s as a share of all requests the sandbox answered. */
	share429: number;
	lost: number;
	duplicates: number;
	/** Real ms from the sandbox's first API request to its last (reported; the windows below are asserted). */
	wallMs: number;
	floorMs: number;
	/** Requests the key accepted in each minute window the sandbox opened for it, oldest first. */
	minuteWindows: number[];
	/** How many minute windows the accepted requests need at the least. */
	windowsNeeded: number;
	statuses: string[];
}

export interface QueueBatchRun {
	executions: number;
	itemsPerExecution: number;
	jobMs: number;
	sandbox: Sandbox;
	/** Real times of every API request the sandbox logged (its `log` option). */
	requestTimes: number[];
	postgres: Postgres;
	webhookBaseUrl: string;
	workflowId: string;
}

/** Starts every execution at once through the webhook processor, waits for all of them, and counts. */
export async function runQueueBatch(run: QueueBatchRun): Promise<QueueBatchFigures> {
	const lookups = run.executions * run.itemsPerExecution;
	const starts = await Promise.all(
		Array.from({ length: run.executions }, (_, e) =>
			fetch(`${run.webhookBaseUrl}/webhook/${BATCH_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					list: batchProfiles(e, run.itemsPerExecution).map((url) => ({ url })),
				}),
			}),
		),
	);
	for (const response of starts)
		if (response.status !== 200)
			throw new Error(`starting an execution answered ${response.status}`);
	// 2 requests a lookup at 60/min, and room for the executions to be stored
	const timeoutMs = (2 * lookups + 240) * 1000;
	const done = (e: StoredExecution) =>
		e.status !== 'new' && e.status !== 'running' && e.status !== 'waiting';
	const executions = await waitForQueueExecutions(
		run.postgres,
		run.workflowId,
		(all) => all.length >= run.executions && all.every(done),
		{
			timeoutMs,
			intervalMs: 5_000,
		},
	);
	const completedUrls = new Set<string>();
	for (const execution of executions) {
		if (execution.status !== 'success') continue;
		for (const item of nodeItems(execution.data, 'Nyne')) {
			const json = item.json as {
				status?: string;
				interactions?: unknown[];
				target?: { username?: string };
			};
			if (
				json.status === 'completed' &&
				Array.isArray(json.interactions) &&
				json.interactions.length > 0 &&
				json.target?.username
			) {
				completedUrls.add(json.target.username.toLowerCase());
			}
		}
	}
	const stats = run.sandbox.control.stats();
	const times = run.requestTimes;
	return {
		executions: executions.length,
		lookups,
		requests: stats.requests,
		http429: stats.status429,
		share429: stats.requests === 0 ? 0 : stats.status429 / stats.requests,
		lost: lookups - completedUrls.size,
		duplicates: Object.values(stats.submissionsByTarget).reduce(
			(sum, count) => sum + Math.max(0, count - 1),
			0,
		),
		wallMs: times.length > 1 ? times[times.length - 1] - times[0] : 0,
		// each execution reads the credit balance once before its lookups
		floorMs: windowFloorMs(pollRequests(lookups, run.executions), run.jobMs),
		minuteWindows: stats.acceptedPerMinuteWindow[run.sandbox.apiKey] ?? [],
		windowsNeeded: Math.ceil((stats.requests - stats.status429) / RATE_LIMIT_PER_MINUTE),
		statuses: executions.map((e) => e.status),
	};
}

export const BATCH_API_LINE = /^(GET|POST) \/person\/interactions/;
