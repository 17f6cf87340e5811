import { setTimeout as delay } from 'node:timers/promises';

import { RateLimiterRegistry } from '../../../shared';
import { setRuntime } from '../../../nodes/Nyne/transport';

/**
 * Runs the nodes on the sandbox's clock: with timeScale 0.001 a 5-second poll delay takes 5 ms,
 * and the client's limiter uses the same scaled minute and hour as the sandbox.
 */
export function useScaledRuntime(timeScale: number): () => void {
	const start = Date.now();
	setRuntime({
		now: () => start + (Date.now() - start) / timeScale,
		sleep: async (ms: number, signal?: AbortSignal) => {
			await delay(Math.max(0, ms * timeScale), undefined, { signal });
		},
		limiters: new RateLimiterRegistry({ minuteMs: 60_000 * timeScale, hourMs: 3_600_000 * timeScale }),
	});
	return () => setRuntime(undefined);
}
