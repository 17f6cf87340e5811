// A maintenance 503 with `Retry-After: 86400` during a watch, in-process with n8n-core's PollContext: the poll ends
// within its allowance (inside n8n's shortest poll interval, a minute), emits nothing, and the next poll runs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { HOUR_MS, WATCH_POLL_ALLOWANCE_MS } from '../../../shared';
import { NyneFollowerTrigger } from '../../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { pollContext, singleNodeWorkflow } from '../../helpers/n8nCore/contexts';
import { overrideRuntime, restoreRuntime } from '../../helpers/n8nCore/runtimeOverride';
import { followerTriggerNode } from '../../helpers/n8nCore/triggerNodes';

/** n8n's shortest schedule for a polling trigger (2.41 refuses less): a poll must end before the next is due. */
const N8N_POLL_INTERVAL_MS = 60_000;

let sandbox: Sandbox;
/** The nodes' clock: real time plus every wait they asked for (answered at once) plus the hours the test skips. */
let offset = 0;
const waits: number[] = [];
beforeAll(async () => {
	// Real time (timeScale 1), so the sandbox's Retry-After says a day to the nodes as it would to n8n.
	sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 20 });
	overrideRuntime({
		now: () => Date.now() + offset,
		sleep: async (ms: number) => {
			waits.push(ms);
			offset += Math.max(0, ms);
		},
	});
});
afterAll(async () => {
	restoreRuntime();
	await sandbox.close();
});

it('a 503 with Retry-After: 86400 ends the poll within its allowance, emits nothing, and the next poll is not blocked', async () => {
	const node = followerTriggerNode('follower-maintenance', {
		socialMediaUrl: 'https://x.com/maint_watch',
		event: 'newFollower',
		maxResults: 100,
		checkEveryHours: 1,
	});
	const workflow = singleNodeWorkflow(node);
	const credentials = {
		apiKey: sandbox.apiKey,
		apiSecret: sandbox.apiSecret,
		baseUrl: sandbox.url,
	};
	const pollNow = async () =>
		await new NyneFollowerTrigger().poll.call(pollContext(workflow, node, credentials));
	const poll = async () => {
		offset += HOUR_MS;
		return await pollNow();
	};
	const record = () =>
		workflow.staticData[`node:${node.name}`] as IDataObject & { pending?: IDataObject };
	const settle = async () => await new Promise((resolve) => setTimeout(resolve, 60));
	const stats = () => sandbox.control.stats();

	// A baseline: one poll submits, the next collects.
	expect(await poll()).toBeNull();
	await settle();
	expect(await poll()).toBeNull();
	const baseline = JSON.parse(JSON.stringify(record())) as IDataObject;
	const submissions = stats().submissions;

	// Nyne goes into maintenance: the next call answers 503 with Retry-After: 86400 (a day).
	sandbox.control.injectFault({ kind: 'server_error', status: 503, retryAfterSeconds: 86_400 });
	const requestsBefore = stats().requests;
	waits.length = 0;
	offset += HOUR_MS;
	const started = Date.now() + offset;
	const failed = await pollNow().then(
		(items) => ({ items, error: undefined }),
		(error: Error) => ({ items: undefined, error }),
	);
	const took = Date.now() + offset - started;
	expect(took).toBeLessThanOrEqual(WATCH_POLL_ALLOWANCE_MS);
	expect(WATCH_POLL_ALLOWANCE_MS).toBeLessThan(N8N_POLL_INTERVAL_MS);
	expect(waits.every((ms) => ms < 86_400_000)).toBe(true);
	expect(failed.items ?? null).toBeNull();
	expect(failed.error?.message).toMatch(/HTTP 503\).* answer again at .*\(in 24 h\)/);
	expect(stats().submissions).toBe(submissions);
	// It asked once and gave up: a day's wait is beyond the poll's allowance, so it was not retried.
	expect(stats().requests - requestsBefore).toBe(1);
	expect(record().observed).toEqual(baseline.observed);

	// Nyne is back: the next poll is not handed nothing by the overlap guard; it submits, and the one after
	// collects with no change, so no false event.
	expect(await poll()).toBeNull();
	expect(stats().submissions).toBe(submissions + 1);
	const resumed = record().pending?.requestId;
	expect(resumed).toMatch(/^interaction_/);
	await settle();
	expect(await poll()).toBeNull();
	// That lookup was collected (and, an hour on, the next one started).
	expect(stats().byEndpoint['GET /person/interactions']).toBeGreaterThan(0);
	expect(record().pending?.requestId).not.toBe(resumed);
	expect(stats().submissions).toBe(submissions + 2);
});
