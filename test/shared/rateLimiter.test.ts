import { describe, expect, it } from 'vitest';

import { RateLimiter, SERVER_VIEW_FRESH_MS } from '../../shared/rateLimiter';

const T0 = 1_700_000_000_000;
const headers = (remaining: number, resetSeconds: number) => ({
	'ratelimit-remaining': String(remaining),
	'ratelimit-reset': String(resetSeconds),
});

/** Reserves until the limiter says wait; returns how many slots it gave. */
function drain(limiter: RateLimiter, now: number, max = 1000): number {
	let taken = 0;
	while (taken < max && limiter.reserve(now) === 0) taken++;
	return taken;
}

describe('RateLimiter: the server headers win over the local count', () => {
	it('waits for the server reset when the headers say fewer are left than the local count allows', () => {
		const limiter = new RateLimiter();
		expect(limiter.reserve(T0)).toBe(0);
		// this process sent 1 of its 60, but other processes on the key spent the rest: 1 left for 30 s
		limiter.observe(headers(1, 30), T0 + 10, 200);
		expect(limiter.reserve(T0 + 20)).toBe(30_000 - 10);
	});

	it('keeps the local 60 a minute whatever the headers say (600 asked in a minute, 60 granted)', () => {
		const limiter = new RateLimiter();
		let granted = 0;
		for (let i = 0; i < 600; i++) {
			const at = T0 + i * 100;
			if (limiter.reserve(at) !== 0) continue;
			granted++;
			// a server (or a proxy) claiming plenty left in a window that keeps turning over
			limiter.observe(headers(1000, 1), at, 200);
		}
		expect(granted).toBe(60);
	});

	it('keeps the local 1000 an hour whatever the headers say', () => {
		const limiter = new RateLimiter();
		let granted = 0;
		for (let second = 0; second < 3600; second++) {
			const at = T0 + second * 1000;
			// at most 100 asks a second, so a limiter that never says wait cannot run this loop forever
			for (let ask = 0; ask < 100 && limiter.reserve(at) === 0; ask++) {
				granted++;
				limiter.observe(headers(5000, 1), at, 200);
			}
		}
		expect(granted).toBe(1000);
	});

	it('blocks until the reset when nothing is left, and after Retry-After on a 429', () => {
		const limiter = new RateLimiter();
		limiter.reserve(T0);
		limiter.observe(headers(0, 12), T0, 200);
		expect(limiter.reserve(T0)).toBe(12_000);
		const other = new RateLimiter();
		other.reserve(T0);
		other.observe({ 'retry-after': '7' }, T0, 429);
		expect(other.reserve(T0)).toBe(7_000);
	});

	it('takes a 429 as "ask again later", not as the state of the window: the last reading stays', () => {
		const limiter = new RateLimiter();
		limiter.reserve(T0);
		limiter.observe(headers(40, 50), T0, 200);
		limiter.reserve(T0);
		// a burst guard in front of the API answers 429: ask again in 1 s (its window headers are not the key's)
		limiter.observe({ ...headers(0, 30), 'retry-after': '1' }, T0 + 10, 429);
		expect(limiter.reserve(T0 + 500)).toBe(510);
		expect(limiter.reserve(T0 + 1_010)).toBe(0);
	});
});

describe('RateLimiter: each reset header read as what it is', () => {
	const nowSeconds = T0 / 1000;

	it('RateLimit-Reset is seconds from now; one sent as Unix seconds is read as that time, not a 56-year wait', () => {
		const delay = new RateLimiter();
		delay.reserve(T0);
		delay.observe(headers(0, 42), T0, 200);
		expect(delay.reserve(T0)).toBe(42_000);
		const unix = new RateLimiter();
		unix.reserve(T0);
		unix.observe(headers(0, nowSeconds + 42), T0, 200);
		expect(unix.reserve(T0)).toBe(42_000);
	});

	it('X-RateLimit-Reset is Unix seconds (a small value is read as a delay)', () => {
		for (const reset of [nowSeconds + 45, 45]) {
			const limiter = new RateLimiter();
			limiter.reserve(T0);
			limiter.observe(
				{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
				T0,
				200,
			);
			expect(limiter.reserve(T0)).toBe(45_000);
		}
	});

	it('Retry-After is seconds or an HTTP date', () => {
		for (const retryAfter of ['90', new Date(T0 + 90_000).toUTCString()]) {
			const limiter = new RateLimiter();
			limiter.reserve(T0);
			limiter.observe({ 'retry-after': retryAfter }, T0, 429);
			expect(limiter.reserve(T0)).toBe(90_000);
		}
	});

	it('says why it is blocked: the monthly quota, or any other limit', () => {
		const limiter = new RateLimiter();
		limiter.reserve(T0);
		limiter.observe({ 'retry-after': '86400' }, T0, 429, 'monthly_limit_exceeded');
		expect(limiter.blockReason(T0)).toBe('monthly_limit_exceeded');
		expect(limiter.reserve(T0 + 86_400_000)).toBe(0);
		expect(limiter.blockReason(T0 + 86_400_000)).toBe('rate_limited');
	});
});

describe('RateLimiter: several processes on one key', () => {
	it('keeps at most a quarter of a fresh reading in flight, so processes reading the same figure cannot overshoot it together', () => {
		const processes = [new RateLimiter(), new RateLimiter(), new RateLimiter(), new RateLimiter()];
		for (const limiter of processes) {
			limiter.reserve(T0);
			limiter.observe(headers(20, 40), T0 + 5, 200);
		}
		expect(processes.map((limiter) => drain(limiter, T0 + 10))).toEqual([5, 5, 5, 5]);
	});

	it('leaves the last few requests of a window unspent rather than race another process for them', () => {
		const limiter = new RateLimiter();
		limiter.reserve(T0);
		limiter.observe({ ...headers(10, 20), 'ratelimit-limit': '60' }, T0, 200);
		limiter.reserve(T0 + 1);
		// two answers of its own in the window, but the server counted 57: other processes spend on the key
		limiter.observe({ ...headers(3, 20), 'ratelimit-limit': '60' }, T0 + 2, 200);
		expect(limiter.reserve(T0 + 3)).toBe(20_000 - 1);
	});

	it('spends the whole window, one request at a time at its end, while every request the server counts is its own', () => {
		const limiter = new RateLimiter();
		let remaining = 60;
		let sent = 0;
		for (let at = T0; limiter.reserve(at) === 0; at += 10) {
			sent++;
			remaining--;
			const reset = 50 - (at - T0) / 1000;
			limiter.observe({ ...headers(remaining, reset), 'ratelimit-limit': '60' }, at, 200);
		}
		expect(sent).toBe(60);
		expect(limiter.reserve(T0 + 600)).toBe(50_000 - 600);
	});

	it('keeps the last few back once the server counted one request in the window that was not its own', () => {
		const limiter = new RateLimiter();
		let remaining = 60;
		let at = T0;
		for (; limiter.reserve(at) === 0; at += 10) {
			// another process's request is counted once, early in the window
			remaining -= at === T0 + 100 ? 2 : 1;
			limiter.observe({ ...headers(remaining, 50), 'ratelimit-limit': '60' }, at, 200);
		}
		expect(remaining).toBe(3);
	});

	it('sends one request at a time on a stale reading, and once the window is over', () => {
		const limiter = new RateLimiter();
		limiter.reserve(T0);
		limiter.observe(headers(40, 50), T0, 200);
		const stale = T0 + SERVER_VIEW_FRESH_MS + 1;
		expect(drain(limiter, stale)).toBe(1);
		limiter.observe(headers(30, 49), stale, 200);
		expect(drain(limiter, stale)).toBe(7);
		const nextWindow = T0 + 60_000;
		for (let i = 0; i < 7; i++) limiter.observe(headers(30, 49), stale, 200);
		expect(drain(limiter, nextWindow)).toBe(1);
	});

	it('keeps the lowest figure of a window when an older answer arrives last', () => {
		const limiter = new RateLimiter();
		limiter.reserve(T0);
		limiter.reserve(T0);
		limiter.observe(headers(8, 30), T0 + 5, 200);
		limiter.observe(headers(12, 30), T0 + 6, 200);
		expect(drain(limiter, T0 + 7)).toBe(2);
	});

	it('starts with the local count before any headers, and forgets a request whose answer never came', () => {
		const limiter = new RateLimiter({ perMinute: 3 });
		expect(drain(limiter, T0)).toBe(3);
		const withServer = new RateLimiter();
		withServer.reserve(T0);
		withServer.observe(headers(30, 50), T0, 200);
		expect(drain(withServer, T0 + 1)).toBe(7);
		// 7 requests lost in transport: after 30 s they no longer hold slots (the reading is stale by then: one at a time)
		expect(withServer.reserve(T0 + 31_000)).toBe(0);
	});
});
