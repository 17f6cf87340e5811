// Two processes on one API key, each with its own limiter (as two n8n workers are): the sandbox's RateLimit
// headers are all that coordinates them. Real HTTP to the sandbox, on a scaled clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildInteractionRequest, NyneClient, RateLimiter } from '../../shared';
import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { fetchTransport } from '../helpers/core/fetchTransport';
import { scaledClock } from '../helpers/core/scaledClock';
import { scaledSandboxClient } from '../helpers/sandbox/sandboxFixture';

const SCALE = 0.05;
const PROCESSES = 2;
const RUNS_PER_PROCESS = 5;
const ITEMS_PER_RUN = 10;
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		timeScale: SCALE,
		jobDurationMs: 2_000,
		rateLimit: { perMinute: 60, perHour: 1000 },
	});
});
afterAll(() => sandbox.close());

/** One "execution" as the node runs it: submit every item in turn, then collect every item in turn. */
async function run(client: NyneClient, prefix: string): Promise<number> {
	const ids: string[] = [];
	for (let i = 0; i < ITEMS_PER_RUN; i++) {
		ids.push(
			(
				await client.submit(
					buildInteractionRequest({
						type: 'followers',
						socialMediaUrl: `https://x.com/${prefix}_${i}`,
						maxResults: 10,
					}),
				)
			).request_id,
		);
	}
	let completed = 0;
	for (const id of ids)
		if ((await client.waitForResult(id, { timeoutMs: 3_600_000 })).status === 'completed')
			completed++;
	return completed;
}

describe('one key, two processes, two limiters', () => {
	it('the server headers keep both under 60/min together: 429s at most 2% of requests, nothing lost or sent twice', async () => {
		const clock = scaledClock(SCALE);
		const transport = fetchTransport({ timeScale: SCALE, apiNow: clock.now });
		const processes = Array.from({ length: PROCESSES }, () => new RateLimiter());
		const runs = processes.flatMap((limiter, p) =>
			Array.from({ length: RUNS_PER_PROCESS }, (_, r) => {
				const client = scaledSandboxClient(sandbox, SCALE, { transport, ...clock, limiter });
				return run(client, `p${p}r${r}`);
			}),
		);
		const completed = (await Promise.all(runs)).reduce((sum, n) => sum + n, 0);
		const stats = sandbox.control.stats();
		const lookups = PROCESSES * RUNS_PER_PROCESS * ITEMS_PER_RUN;
		expect(completed).toBe(lookups);
		expect(stats.submissions).toBe(lookups);
		expect(Object.values(stats.submissionsByTarget).every((count) => count === 1)).toBe(true);
		expect(stats.status429 / stats.requests).toBeLessThanOrEqual(0.02);
	}, 120_000);
});
