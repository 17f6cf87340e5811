import { setTimeout as delay } from 'node:timers/promises';

import { RateLimiterRegistry } from '../../../shared';
import { setRuntime } from '../../../nodes/common/transport';

/**
 * Runs the nodes on the sandbox's clock: with timeScale 0.001 a 5-second poll delay takes 5 ms,
 * and the client's limiter, which counts in that same API time, keeps its real 60/min and 1000/hour.
 */
export function useScaledRuntime(timeScale: number): () => void {
	const start = Date.now();
	setRuntime({
		now: () => start + (Date.now() - start) / timeScale,
		sleep: async (ms: number, signal?: AbortSignal) => {
			await delay(Math.max(0, ms * timeScale), undefined, { signal });
		},
		limiters: new RateLimiterRegistry(),
	});
	return () => setRuntime(undefined);
}
