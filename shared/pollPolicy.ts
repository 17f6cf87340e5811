/**
 * When to ask again: every 5 s at first, then a tenth of the time already spent (at most a minute),
 * so detection lag stays within max(5 s, 10% of the job) and a long job costs a logarithmic number of polls
 * (12 for a 1-minute job, under 40 for a 10-minute one).
 */
export const MIN_POLL_MS = 5_000;
export const MAX_POLL_MS = 60_000;
export const POLL_GROWTH = 0.1;
const JITTER_SHARE = 0.05;

/** `random` in [0, 1) shaves up to 5% off the longer waits, so many waiting clients drift out of step. */
export function nextPollDelayMs(elapsedMs: number, random: () => number = Math.random): number {
	const grown = Math.max(0, elapsedMs) * POLL_GROWTH;
	if (grown <= MIN_POLL_MS) return MIN_POLL_MS;
	return Math.round(Math.min(MAX_POLL_MS, grown) * (1 - JITTER_SHARE * random()));
}

/** Retries of 429/5xx/network failures: exponential with equal jitter, capped at 30 s. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(30_000, 500 * 2 ** attempt);
	return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
