import { afterEach, describe, expect, it } from 'vitest';

import { MemoryReuseStore, RateLimiterRegistry } from '../../../shared';
import {
	jsonAnswer,
	startLoopbackServer,
	type LoopbackAnswer,
	type LoopbackCall,
} from '../../helpers/core/loopbackServer';
import { virtualClock } from '../../helpers/core/virtualApi';
import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { overrideRuntime, restoreRuntime } from '../../helpers/n8nCore/runtimeOverride';

/*
 * How a batch of the Nyne node spends Nyne's 60 requests a minute, on a virtual clock: n8n runs the node (n8n-core)
 * with the runtime n8n gives it (the process's limiter registry, its sleep and clock), but sleeping moves the clock
 * instead of waiting. The server below counts in fixed windows of a minute, as the sandbox does, and states each
 * window in its RateLimit headers. No timing is asserted: the test counts what was let through in each window.
 */
const PER_MINUTE = 60;
const JOB_MS = 2_000;

interface Sent {
	at: number;
	what: 'usage' | 'submit' | 'status';
}

/** Nyne on the virtual clock: fixed one-minute windows of 60 requests, jobs done JOB_MS after their submit. */
async function fixedWindowNyne(now: () => number) {
	const sent: Sent[] = [];
	const submittedAt = new Map<string, number>();
	let windowStart = Number.NEGATIVE_INFINITY;
	let count = 0;
	let refused = 0;
	const envelope = (data: unknown, status = 200) =>
		jsonAnswer({ success: true, data, timestamp: '2026-12-06T00:00:00Z' }, status);
	const server = await startLoopbackServer((call) => ({
		...answer(call),
		headers: rateLimitHeaders(),
	}));

	function answer(call: LoopbackCall): LoopbackAnswer {
		const at = now();
		if (at >= windowStart + 60_000) {
			windowStart = at;
			count = 0;
		}
		if (count >= PER_MINUTE) {
			refused += 1;
			return jsonAnswer(
				{ success: false, error: { code: 'rate_limit_exceeded', message: 'Too many requests' } },
				429,
			);
		}
		count += 1;
		const what = call.path === '/usage' ? 'usage' : call.method === 'POST' ? 'submit' : 'status';
		sent.push({ at, what });
		if (what === 'usage')
			return envelope({ credits_used: 0, credits_remaining: 100_000, monthly_allocation: 100_000 });
		if (what === 'submit') {
			const id = `interaction_${sent.length.toString(16).padStart(12, '0')}_${Math.floor(at / 1000)}`;
			submittedAt.set(id, at);
			return envelope({ request_id: id, status: 'queued', interaction_type: 'followers' }, 202);
		}
		const id = call.query.request_id ?? '';
		const done = at - (submittedAt.get(id) ?? at) >= JOB_MS;
		return envelope(
			done
				? {
						request_id: id,
						status: 'completed',
						completed: true,
						interaction_type: 'followers',
						result: {
							interaction_type: 'followers',
							source_platform: 'twitter',
							target: { username: 'target' },
							interactions: [{ username: `follower_of_${id}` }],
							total_count: 1,
						},
					}
				: { request_id: id, status: 'processing', interaction_type: 'followers' },
		);
	}

	/** The window's state on every answer, as Nyne's headers give it (RateLimit-Reset in seconds from now). */
	function rateLimitHeaders(): Record<string, string> {
		const left = Math.max(0, windowStart + 60_000 - now());
		return {
			'RateLimit-Limit': String(PER_MINUTE),
			'RateLimit-Remaining': String(Math.max(0, PER_MINUTE - count)),
			'RateLimit-Reset': String(left / 1000),
			...(count >= PER_MINUTE ? { 'Retry-After': String(left / 1000) } : {}),
		};
	}

	return {
		url: server.url,
		close: () => server.close(),
		sent,
		refused: () => refused,
		/**
		 * Requests let through in each second that saw any, by the second since the first request. A limiter
		 * that spends a minute's allowance at once shows a few full seconds; one that spreads it shows many.
		 */
		perSecond(): Record<number, number> {
			const first = sent[0]?.at ?? 0;
			const seconds: Record<number, number> = {};
			for (const { at } of sent) {
				const second = Math.floor((at - first) / 1000);
				seconds[second] = (seconds[second] ?? 0) + 1;
			}
			return seconds;
		},
	};
}

async function runBatch(items: number) {
	const clock = virtualClock();
	const nyne = await fixedWindowNyne(clock.now);
	overrideRuntime({
		now: clock.now,
		sleep: clock.sleep,
		limiters: new RateLimiterRegistry(),
		reuse: new MemoryReuseStore(0),
	});
	try {
		const result = await runNyne(
			{ apiKey: 'nyne_key', apiSecret: 'nyne_secret', baseUrl: nyne.url },
			Array.from({ length: items }, (_, i) => ({ url: `https://x.com/batch_${i}` })),
			{
				parameters: {
					resource: 'interaction',
					operation: 'getFollowers',
					socialMediaUrl: '={{ $json.url }}',
					maxResults: 10,
					waitMode: 'poll',
					options: { output: 'single', timeout: 3600 },
				},
			},
		);
		return { result, nyne };
	} finally {
		await nyne.close();
	}
}

afterEach(() => restoreRuntime());

describe('Nyne node: a batch spends each minute of the rate limit at once', () => {
	it('60 items: the balance read and 59 submits at once, then 1 submit and 59 status reads at the reset, then the last read', async () => {
		const { result, nyne } = await runBatch(60);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(60);
		expect(nyne.sent.filter((s) => s.what === 'usage')).toHaveLength(1);
		expect(nyne.sent.filter((s) => s.what === 'submit')).toHaveLength(60);
		expect(nyne.sent.filter((s) => s.what === 'status')).toHaveLength(60);
		expect(nyne.refused()).toBe(0);
		// 121 requests: the last one needs a third minute (the core alone sends 120, which fit in two).
		expect(nyne.perSecond()).toEqual({ 0: 60, 60: 60, 120: 1 });
	});

	it('59 items: 119 requests in two minutes, each spent at its start', async () => {
		const { result, nyne } = await runBatch(59);
		expect(result.output).toHaveLength(59);
		expect(nyne.refused()).toBe(0);
		expect(nyne.perSecond()).toEqual({ 0: 60, 60: 59 });
	});
});
