import type { Now, Sleep } from '../../../shared';

/**
 * The core's `sleep` and `now` on real time shrunk by `timeScale` (real ms per API ms), matching a sandbox
 * started with the same timeScale: the client's poll policy and limiter then run unchanged, only faster.
 */
export function scaledClock(timeScale: number): {
	now: Now;
	sleep: Sleep;
	toRealMs: (apiMs: number) => number;
} {
	const realStart = Date.now();
	const now: Now = () => realStart + (Date.now() - realStart) / timeScale;
	const sleep: Sleep = (ms, signal) =>
		new Promise<void>((resolve, reject) => {
			if (signal?.aborted) return reject(new Error('aborted'));
			const timer = setTimeout(
				() => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
				Math.max(0, ms * timeScale),
			);
			const onAbort = () => {
				clearTimeout(timer);
				reject(new Error('aborted'));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	return { now, sleep, toRealMs: (apiMs) => apiMs * timeScale };
}
