import { setTimeout as delay } from 'node:timers/promises';

import { getRuntime } from '../../../nodes/common/transport';
import { HourlyCap, MemoryReuseStore, RateLimiter, RateLimiterRegistry } from '../../../shared';
import { overrideRuntime, restoreRuntime } from './runtimeOverride';

/** The sandbox writes RateLimit-Reset and Retry-After in real seconds; the scaled limiter counts API time. */
class ApiTimeLimiter extends RateLimiter {
	constructor(private readonly timeScale: number) {
		super();
	}

	override observe(headers: Record<string, string>, now: number, status: number): void {
		const scaled: Record<string, string> = { ...headers };
		delete scaled['x-ratelimit-reset'];
		for (const name of ['retry-after', 'ratelimit-reset']) {
			const seconds = Number(scaled[name]);
			if (scaled[name] !== undefined && Number.isFinite(seconds))
				scaled[name] = String(seconds / this.timeScale);
		}
		super.observe(scaled, now, status);
	}
}

class ApiTimeLimiters extends RateLimiterRegistry {
	private readonly byKey = new Map<string, RateLimiter>();

	constructor(private readonly timeScale: number) {
		super();
	}

	override forKey(apiKey: string): RateLimiter {
		let limiter = this.byKey.get(apiKey);
		if (!limiter) {
			limiter = new ApiTimeLimiter(this.timeScale);
			this.byKey.set(apiKey, limiter);
		}
		return limiter;
	}
}

/**
 * Runs the nodes on the sandbox's clock: with timeScale 0.001 a 5-second poll delay takes 5 ms,
 * and the client's limiter, which counts in that same API time, keeps its real 60/min and 1000/hour.
 */
export function useScaledRuntime(timeScale: number): () => void {
	const start = Date.now();
	overrideRuntime({
		now: () => start + (Date.now() - start) / timeScale,
		sleep: async (ms: number, signal?: AbortSignal) => {
			await delay(Math.max(0, ms * timeScale), undefined, { signal });
		},
		limiters: new ApiTimeLimiters(timeScale),
		// Tests run in n8n's manual mode, where lookups already paid for are reused: a test that means to reuse
		// installs its own store (see test/nodes/Nyne/credits.test.ts), so no other test reads a result an earlier one paid for.
		reuse: new MemoryReuseStore(0),
	});
	resetToolCap();
	return () => restoreRuntime();
}

/** Forgets every tool's lookups of the last hour, so that one test's tool calls do not count against the next's cap. */
export function resetToolCap(): void {
	overrideRuntime({ toolCap: new HourlyCap(() => getRuntime().now()) });
}
