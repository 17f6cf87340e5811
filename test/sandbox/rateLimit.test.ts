import { afterEach, describe, expect, it } from 'vitest';
import { call, PROFILE, start, stopAll, submit } from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

const FOLLOWERS = { type: 'followers', social_media_url: PROFILE };

describe('sandbox rate limits', () => {
	it('sends the rate-limit headers of the tightest window on every API answer', async () => {
		const sb = await start({ timeScale: 1, rateLimit: { perMinute: 5, perHour: 100 } });
		const before = Math.floor(Date.now() / 1000);
		const answers = [
			await submit(sb, FOLLOWERS),
			await call(sb, 'GET', '/usage'),
			await call(sb, 'GET', '/person/interactions'),
			await submit(sb, { type: 'nope' }),
		];
		expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual([
			'4',
			'3',
			'2',
			'1',
		]);
		for (const answer of answers) {
			expect(answer.headers.get('x-ratelimit-limit')).toBe('5');
			expect(answer.headers.get('ratelimit-limit')).toBe('5');
			expect(answer.headers.get('ratelimit-remaining')).toBe(
				answer.headers.get('x-ratelimit-remaining'),
			);
			const reset = Number(answer.headers.get('x-ratelimit-reset'));
			expect(reset).toBeGreaterThanOrEqual(before);
			expect(reset).toBeLessThanOrEqual(before + 62);
			const seconds = Number(answer.headers.get('ratelimit-reset'));
			expect(seconds).toBeGreaterThan(0);
			expect(seconds).toBeLessThanOrEqual(60);
		}
	});

	it('picks the hour window when it has fewer requests left', async () => {
		const sb = await start({ timeScale: 1, rateLimit: { perMinute: 50, perHour: 3 } });
		const answer = await call(sb, 'GET', '/usage');
		expect(answer.headers.get('ratelimit-limit')).toBe('3');
		expect(answer.headers.get('ratelimit-remaining')).toBe('2');
		expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(60);
	});

	it('answers 429 rate_limit_exceeded with Retry-After, creates no job, and lets calls through after the window', async () => {
		const sb = await start({ timeScale: 0.02, rateLimit: { perMinute: 2 } }); // 1.2 s windows
		expect((await submit(sb, FOLLOWERS)).status).toBe(202);
		expect((await submit(sb, FOLLOWERS)).status).toBe(202);
		const limited = await submit(sb, FOLLOWERS);
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({ success: false, error: { code: 'rate_limit_exceeded' } });
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(1.2);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(sb.control.stats()).toMatchObject({ submissions: 2, status429: 1, requests: 3 });
		await new Promise((r) => setTimeout(r, retryAfter * 1000 + 20));
		expect((await submit(sb, FOLLOWERS)).status).toBe(202);
		// the window that refused the third counted only the two it accepted; the next opened at the retry
		expect(sb.control.stats().acceptedPerMinuteWindow).toEqual({ [sb.apiKey]: [2, 1] });
	});

	it('answers 429 monthly_limit_exceeded once the monthly quota is used', async () => {
		const sb = await start({ rateLimit: { monthly: 2 } });
		await call(sb, 'GET', '/usage');
		const second = await call(sb, 'GET', '/usage');
		expect(second.body.data.requests_this_month).toBe(2);
		const third = await submit(sb, FOLLOWERS);
		expect(third.status).toBe(429);
		expect(third.body.error.code).toBe('monthly_limit_exceeded');
		expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(sb.control.stats().submissions).toBe(0);
	});

	it('does not count rejected credentials against the key, and can be switched off', async () => {
		const sb = await start({ rateLimit: { perMinute: 1 } });
		for (let i = 0; i < 3; i++)
			expect(
				(await submit(sb, FOLLOWERS, { 'X-API-Key': sb.apiKey, 'X-API-Secret': 'wrong' })).status,
			).toBe(401);
		expect((await submit(sb, FOLLOWERS)).status).toBe(202);
		const free = await start({ rateLimit: false });
		for (let i = 0; i < 70; i++) expect((await call(free, 'GET', '/usage')).status).toBe(200);
		expect(sb.control.stats().submissions).toBe(1);
	});
});
