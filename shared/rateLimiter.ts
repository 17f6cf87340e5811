import { HOUR_MS, MINUTE_MS, RATE_LIMIT_PER_HOUR, RATE_LIMIT_PER_MINUTE } from './constants.js';

export interface RateLimiterOptions {
	perMinute?: number;
	perHour?: number;
	/** Window lengths; only tests and benchmarks on a scaled clock change them. */
	minuteMs?: number;
	hourMs?: number;
}

interface Window {
	limit: number;
	lengthMs: number;
	stamps: number[];
}

/** Keeps one process under the per-key limits; the server's headers win when they say less is left. */
export class RateLimiter {
	private readonly windows: Window[];
	private blockedUntil = 0;

	constructor(options: RateLimiterOptions = {}) {
		this.windows = [
			{ limit: options.perMinute ?? RATE_LIMIT_PER_MINUTE, lengthMs: options.minuteMs ?? MINUTE_MS, stamps: [] },
			{ limit: options.perHour ?? RATE_LIMIT_PER_HOUR, lengthMs: options.hourMs ?? HOUR_MS, stamps: [] },
		];
	}

	/** Takes a slot and returns 0, or returns how long to wait before asking again. */
	reserve(now: number): number {
		let wait = Math.max(0, this.blockedUntil - now);
		for (const window of this.windows) {
			while (window.stamps.length > 0 && (window.stamps[0] ?? 0) <= now - window.lengthMs) window.stamps.shift();
			if (window.stamps.length >= window.limit) {
				const oldest = window.stamps[window.stamps.length - window.limit] ?? now;
				wait = Math.max(wait, oldest + window.lengthMs - now);
			}
		}
		if (wait > 0) return wait;
		for (const window of this.windows) window.stamps.push(now);
		return 0;
	}

	/** Learns from X-RateLimit-* / RateLimit-* / Retry-After headers (lower-case names). */
	observe(headers: Record<string, string>, now: number, status: number): void {
		const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
		if (status === 429 && retryAfterMs !== undefined) this.blockUntil(now + retryAfterMs);
		const remaining = firstNumber(headers['ratelimit-remaining'], headers['x-ratelimit-remaining']);
		if (remaining !== undefined && remaining <= 0) {
			const resetMs = resetDelayMs(headers, now);
			if (resetMs !== undefined) this.blockUntil(now + resetMs);
		}
	}

	private blockUntil(until: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, until);
	}
}

/** One limiter per API key for a whole process (several executions or Zap runs share a key). */
export class RateLimiterRegistry {
	private readonly limiters = new Map<string, RateLimiter>();

	constructor(private readonly options: RateLimiterOptions = {}) {}

	forKey(apiKey: string): RateLimiter {
		let limiter = this.limiters.get(apiKey);
		if (!limiter) {
			limiter = new RateLimiter(this.options);
			this.limiters.set(apiKey, limiter);
		}
		return limiter;
	}
}

function firstNumber(...values: Array<string | undefined>): number | undefined {
	for (const value of values) {
		if (value === undefined || value.trim() === '') continue;
		const parsed = Number(value);
		if (Number.isFinite(parsed)) return parsed;
	}
	return undefined;
}

/** Retry-After is seconds (fractions allowed) or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function resetDelayMs(headers: Record<string, string>, now: number): number | undefined {
	const relative = firstNumber(headers['ratelimit-reset']);
	if (relative !== undefined) return Math.max(0, relative * 1000);
	const absolute = firstNumber(headers['x-ratelimit-reset']);
	if (absolute !== undefined) return Math.max(0, absolute * 1000 - now);
	return undefined;
}
