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

/** Why the limiter is blocked: the API's monthly quota, or any other rate limit. */
export type RateLimitCode = 'rate_limited' | 'monthly_limit_exceeded';

/** What the server's RateLimit headers said last: requests left in its current window, and when that window ends. */
interface ServerView {
	remaining: number;
	resetAt: number;
	observedAt: number;
	/** The window's size as the server states it (RateLimit-Limit), and how many of this process's answers are in it. */
	limit: number | undefined;
	answered: number;
}

/** A reading of the headers is trusted this long; after that, other processes on the key may have spent what it showed. */
export const SERVER_VIEW_FRESH_MS = 1_000;
/** A request with no answer after this long (its transport failed) no longer counts as in flight. */
const IN_FLIGHT_EXPIRY_MS = 30_000;
/** How soon to ask again while own requests are in flight: their answers bring fresh headers. */
const RECHECK_MS = 100;
/** Answers whose reset times differ by less than this describe the same server window. */
const SAME_WINDOW_MS = 1_000;
/**
 * A process keeps at most this share of a fresh reading in flight: processes reading the same figure cannot
 * overshoot it together, and what they cannot see of each other (requests sent but not yet counted) fits in the
 * rest. Measured with two processes on one key: 1/2 left 5% of requests answered 429, 1/4 none.
 */
const SHARE_DIVISOR = 4;
/**
 * A reset header above this many seconds is a point in time (Unix seconds), not a delay: no rate window
 * lasts 30 years, and no Unix time since 2001 is below it. Each header is read as its standard says, and a
 * value on the wrong side of this line is read as the other kind instead of as a 56-year wait.
 */
const UNIX_SECONDS_FROM = 1_000_000_000;
/**
 * The longest delay a reset header is read as (a year): `Retry-After: 1e13` would otherwise be a time past the
 * last one a Date can hold (8.64e15 ms) and make every message about it throw a RangeError.
 */
export const MAX_RESET_DELAY_MS = 366 * 24 * HOUR_MS;

/**
 * Keeps one process under the per-key limits. The local count (60 a minute, 1000 an hour) always applies; the
 * server's RateLimit headers can only make it wait longer: fewer left than the local count allows means waiting
 * for the server's reset. Several processes share a key without seeing each other, so a process only ever has a
 * quarter of what a fresh reading shows as left in flight, and with a stale reading, or once the window is over,
 * it sends one request at a time and learns from its answer. While every request the server counted in a window
 * is one of its own, the process is alone on the key and spends the whole window. A block lasts exactly as long
 * as the server said.
 */
export class RateLimiter {
	private readonly windows: Window[];
	private blockedUntil = 0;
	private blockedBy: RateLimitCode = 'rate_limited';
	private server: ServerView | undefined;
	private inFlight: number[] = [];

	constructor(options: RateLimiterOptions = {}) {
		this.windows = [
			{
				limit: options.perMinute ?? RATE_LIMIT_PER_MINUTE,
				lengthMs: options.minuteMs ?? MINUTE_MS,
				stamps: [],
			},
			{
				limit: options.perHour ?? RATE_LIMIT_PER_HOUR,
				lengthMs: options.hourMs ?? HOUR_MS,
				stamps: [],
			},
		];
	}

	/** Takes a slot and returns 0, or returns how long to wait before asking again. */
	reserve(now: number): number {
		while (this.inFlight.length > 0 && (this.inFlight[0] ?? 0) <= now - IN_FLIGHT_EXPIRY_MS)
			this.inFlight.shift();
		for (const window of this.windows) {
			while (window.stamps.length > 0 && (window.stamps[0] ?? 0) <= now - window.lengthMs)
				window.stamps.shift();
		}
		const blocked = this.blockedUntil - now;
		if (blocked > 0) return blocked;
		const wait = Math.max(this.server ? this.serverWait(this.server, now) : 0, this.localWait(now));
		if (wait > 0) return wait;
		for (const window of this.windows) window.stamps.push(now);
		this.inFlight.push(now);
		return 0;
	}

	/** Why a wait that `reserve` returns is that long: the monthly quota, or any other limit. */
	blockReason(now: number): RateLimitCode {
		return this.blockedUntil > now ? this.blockedBy : 'rate_limited';
	}

	/** A request whose transport failed (no answer, so no headers): its slot is no longer in flight. */
	release(): void {
		this.inFlight.shift();
	}

	/**
	 * Learns from X-RateLimit-* / RateLimit-* / Retry-After headers (lower-case names); one call per answer.
	 * `code` is the API's error code of a 429 (monthly_limit_exceeded blocks as what it is).
	 */
	observe(headers: Record<string, string>, now: number, status: number, code?: string): void {
		this.inFlight.shift();
		const remaining = firstNumber(headers['ratelimit-remaining'], headers['x-ratelimit-remaining']);
		const resetMs = resetDelayMs(headers, now);
		if (status === 429) {
			// A 429 says when to ask again, not how the window stands (a burst guard may send it): it blocks, the last reading stays.
			const waitMs = parseRetryAfter(headers['retry-after'], now) ?? resetMs;
			const reason = code === 'monthly_limit_exceeded' ? code : 'rate_limited';
			if (waitMs !== undefined) this.blockUntil(now + waitMs, reason);
			return;
		}
		if (remaining === undefined || resetMs === undefined) return;
		const limit = firstNumber(headers['ratelimit-limit'], headers['x-ratelimit-limit']);
		const reading = { remaining: Math.max(0, remaining), resetAt: now + resetMs, observedAt: now };
		const known = this.server;
		const sameWindow =
			known !== undefined && Math.abs(known.resetAt - reading.resetAt) < SAME_WINDOW_MS;
		// Answers overtake each other: within one window the lowest figure is the latest.
		if (!sameWindow) this.server = { ...reading, limit, answered: 1 };
		else {
			const latest = known.remaining < reading.remaining ? { ...known, observedAt: now } : reading;
			this.server = { ...latest, limit, answered: known.answered + 1 };
		}
		if (reading.remaining <= 0) this.blockUntil(reading.resetAt);
	}

	private serverWait(server: ServerView, now: number): number {
		const inFlight = this.inFlight.length;
		if (now >= server.resetAt) return inFlight === 0 ? 0 : RECHECK_MS;
		// Every request the server counted in this window was this process's own (answered, none in flight): nobody
		// else spends on the key, so the rest of the window, which the share below keeps back, is this process's.
		const alone =
			inFlight === 0 &&
			server.remaining > 0 &&
			server.limit !== undefined &&
			server.limit - server.remaining <= server.answered;
		if (now - server.observedAt > SERVER_VIEW_FRESH_MS) {
			if (server.remaining <= 1 && !alone) return server.resetAt - now;
			return inFlight === 0 ? 0 : RECHECK_MS;
		}
		if (alone || inFlight < Math.floor(server.remaining / SHARE_DIVISOR)) return 0;
		return inFlight > 0 ? Math.min(RECHECK_MS, server.resetAt - now) : server.resetAt - now;
	}

	private localWait(now: number): number {
		let wait = 0;
		for (const window of this.windows) {
			if (window.stamps.length >= window.limit) {
				const oldest = window.stamps[window.stamps.length - window.limit] ?? now;
				wait = Math.max(wait, oldest + window.lengthMs - now);
			}
		}
		return wait;
	}

	private blockUntil(until: number, reason: RateLimitCode = 'rate_limited'): void {
		if (until <= this.blockedUntil) return;
		this.blockedUntil = until;
		this.blockedBy = reason;
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

/** Retry-After is a delay in seconds (fractions allowed) or an HTTP date; returns the delay in milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return secondsToDelayMs(seconds, now);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : boundedDelayMs(date - now);
}

/**
 * RateLimit-Reset is a delay in seconds (the IETF draft), X-RateLimit-Reset the Unix time in seconds (the
 * common convention); either one sent as the other kind is still read by its size (UNIX_SECONDS_FROM).
 */
function resetDelayMs(headers: Record<string, string>, now: number): number | undefined {
	const delay = firstNumber(headers['ratelimit-reset']);
	if (delay !== undefined) return secondsToDelayMs(delay, now);
	const at = firstNumber(headers['x-ratelimit-reset']);
	if (at === undefined) return undefined;
	return secondsToDelayMs(at, now);
}

/** A number of seconds as a delay: a delay, or, when it can only be a Unix time, the time until then. */
function secondsToDelayMs(seconds: number, now: number): number {
	return boundedDelayMs(seconds >= UNIX_SECONDS_FROM ? seconds * 1000 - now : seconds * 1000);
}

/** The one place a reset delay is bounded: from 0 to MAX_RESET_DELAY_MS. */
function boundedDelayMs(ms: number): number {
	return Math.min(MAX_RESET_DELAY_MS, Math.max(0, ms));
}
