import { fail, type ApiAnswer } from './envelope';
import { headerSeconds } from './timers';

export interface RateLimitConfig {
	perMinute: number;
	perHour: number;
	monthly: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
	perMinute: 60,
	perHour: 1000,
	monthly: 100_000,
};

interface Window {
	limit: number;
	lengthMs: number;
	start: number;
	count: number;
}

export interface RateDecision {
	headers: Record<string, string>;
	rejection?: ApiAnswer;
}

/** Fixed windows (60 s and 3600 s of API time, scaled) plus a monthly request quota, per API key. */
export class KeyRateLimiter {
	private windows: Window[];
	private monthCount = 0;
	/** Requests accepted in each minute window this key opened, oldest first. */
	private perMinuteWindow: number[] = [];

	constructor(
		private readonly config: RateLimitConfig,
		timeScale: number,
	) {
		this.windows = [
			{ limit: config.perMinute, lengthMs: 60_000 * timeScale, start: 0, count: 0 },
			{ limit: config.perHour, lengthMs: 3_600_000 * timeScale, start: 0, count: 0 },
		];
	}

	reset(): void {
		for (const w of this.windows) {
			w.start = 0;
			w.count = 0;
		}
		this.monthCount = 0;
		this.perMinuteWindow = [];
	}

	acceptedPerMinuteWindow(): number[] {
		return [...this.perMinuteWindow];
	}

	/** Counts the request if allowed; answers 429 otherwise. */
	take(now: number = Date.now()): RateDecision {
		for (const w of this.windows) {
			if (now >= w.start + w.lengthMs) {
				w.start = now;
				w.count = 0;
				if (w === this.windows[0]) this.perMinuteWindow.push(0);
			}
		}
		const exhausted = this.windows.filter((w) => w.count >= w.limit);
		if (exhausted.length > 0) {
			const waitMs = Math.max(...exhausted.map((w) => w.start + w.lengthMs - now));
			const headers = { ...this.headers(now), 'Retry-After': headerSeconds(waitMs) };
			return {
				headers,
				rejection: fail(
					429,
					'rate_limit_exceeded',
					'Too many requests per minute/hour. Please slow down.',
					headers,
				),
			};
		}
		if (this.monthCount >= this.config.monthly) {
			const headers = {
				...this.headers(now),
				'Retry-After': headerSeconds(nextMonthStart(now) - now),
			};
			return {
				headers,
				rejection: fail(
					429,
					'monthly_limit_exceeded',
					'Monthly request limit exceeded. Resets at start of billing cycle.',
					headers,
				),
			};
		}
		for (const w of this.windows) w.count += 1;
		this.monthCount += 1;
		this.perMinuteWindow[this.perMinuteWindow.length - 1] += 1;
		return { headers: this.headers(now) };
	}

	/** Headers of the tightest window: the one with the fewest requests left. */
	private headers(now: number): Record<string, string> {
		const tightest = [...this.windows].sort(
			(a, b) =>
				a.limit - a.count - (b.limit - b.count) || a.start + a.lengthMs - (b.start + b.lengthMs),
		)[0];
		const resetAt = tightest.start + tightest.lengthMs;
		const remaining = String(Math.max(0, tightest.limit - tightest.count));
		return {
			'X-RateLimit-Limit': String(tightest.limit),
			'X-RateLimit-Remaining': remaining,
			'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
			'RateLimit-Limit': String(tightest.limit),
			'RateLimit-Remaining': remaining,
			'RateLimit-Reset': headerSeconds(resetAt - now),
		};
	}
}

export function monthStart(now: number): number {
	const d = new Date(now);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextMonthStart(now: number): number {
	const d = new Date(now);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
