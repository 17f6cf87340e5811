import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../sandbox';
import {
	call,
	getRequest,
	POST,
	PROFILE,
	start,
	stopAll,
	submit,
} from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

async function codeFor(
	body: Record<string, unknown>,
	options: SandboxOptions = {},
): Promise<{ status: number; code?: string; message?: string }> {
	const sb = await start(options);
	const answer = await submit(sb, body);
	return {
		status: answer.status,
		code: answer.body.error?.code,
		message: answer.body.error?.message,
	};
}

describe('sandbox submission validation', () => {
	it('answers 400 invalid_json for a body that is not JSON, or not a JSON object', async () => {
		const sb = await start();
		for (const raw of ['{"type": "followers",', '[1,2]', '42']) {
			const answer = await call(sb, 'POST', '/person/interactions', { raw });
			expect(answer.status, raw).toBe(400);
			expect(answer.body.error.code, raw).toBe('invalid_json');
		}
	});

	it('answers 400 missing_parameters naming what is missing', async () => {
		expect(await codeFor({ social_media_url: PROFILE })).toMatchObject({
			status: 400,
			code: 'missing_parameters',
			message: expect.stringContaining('type'),
		});
		expect(await codeFor({ type: 'followers' })).toMatchObject({
			status: 400,
			code: 'missing_parameters',
			message: expect.stringContaining('social_media_url'),
		});
		expect(await codeFor({})).toMatchObject({ code: 'missing_parameters' });
	});

	it('accepts the aliases interaction_type and twitter_url', async () => {
		const sb = await start();
		const answer = await submit(sb, { interaction_type: 'following', twitter_url: PROFILE });
		expect(answer.status).toBe(202);
		expect(answer.body.data).toMatchObject({
			interaction_type: 'following',
			platform: 'twitter',
			status: 'queued',
		});
	});

	it('answers invalid_interaction_type listing the valid types and the Instagram rule', async () => {
		const result = await codeFor({ type: 'likes', social_media_url: PROFILE });
		expect(result).toMatchObject({ status: 400, code: 'invalid_interaction_type' });
		for (const word of [
			'replies',
			'followers',
			'following',
			'followers,following',
			'Instagram supports "followers", "following" and "followers,following"',
		]) {
			expect(result.message).toContain(word);
		}
		const reference = await codeFor(
			{ type: 'likes', social_media_url: PROFILE },
			{ apiEdition: 'reference' },
		);
		expect(reference.message).toContain('Instagram only supports "following"');
	});

	it("applies today's platform/type matrix: Instagram serves followers, following and both, not replies", async () => {
		for (const type of ['followers', 'following', 'followers,following']) {
			expect(
				(await codeFor({ type, social_media_url: 'https://instagram.com/instagram' })).status,
				type,
			).toBe(202);
		}
		expect(
			await codeFor({ type: 'replies', social_media_url: 'https://instagram.com/p/C3xYz_12ab' }),
		).toMatchObject({ status: 400, code: 'invalid_interaction_type' });
	});

	it('keeps the reference\'s matrix (Instagram following only) under apiEdition "reference"', async () => {
		for (const type of ['followers', 'followers,following']) {
			expect(
				await codeFor(
					{ type, social_media_url: 'https://instagram.com/instagram' },
					{ apiEdition: 'reference' },
				),
			).toMatchObject({ status: 400, code: 'invalid_interaction_type' });
		}
		expect(
			(
				await codeFor(
					{ type: 'following', social_media_url: 'https://instagram.com/instagram' },
					{ apiEdition: 'reference' },
				)
			).status,
		).toBe(202);
	});

	it('answers invalid_url for non-URLs, other hosts and reserved paths', async () => {
		for (const url of [
			'not a url',
			'ftp://twitter.com/elonmusk',
			'https://facebook.com/zuck',
			'https://twitter.com/home',
			'https://twitter.com/',
			'https://twitter.com/way_too_long_handle_here',
		]) {
			expect(await codeFor({ type: 'followers', social_media_url: url }), url).toMatchObject({
				status: 400,
				code: 'invalid_url',
			});
		}
	});

	it('says which URL kind a type needs', async () => {
		const replies = await codeFor({ type: 'replies', social_media_url: PROFILE });
		expect(replies).toMatchObject({ status: 400, code: 'invalid_url' });
		expect(replies.message).toContain('post URL');
		const followers = await codeFor({ type: 'followers', social_media_url: POST });
		expect(followers).toMatchObject({ status: 400, code: 'invalid_url' });
		expect(followers.message).toContain('profile URL');
	});

	it('accepts the documented hosts with www., mobile. and m. prefixes', async () => {
		const sb = await start();
		const urls = [
			['followers', 'https://twitter.com/elonmusk'],
			['followers', 'https://www.twitter.com/elonmusk/'],
			['followers', 'https://mobile.twitter.com/elonmusk?ref=x#top'],
			['followers', 'https://m.x.com/elonmusk'],
			['replies', 'https://x.com/elonmusk/status/1234567890'],
			['replies', 'https://twitter.com/elonmusk/status/1234567890/photo/1'],
			['replies', 'https://twitter.com/i/web/status/1234567890'],
			['following', 'https://www.instagram.com/instagram/'],
		];
		for (const [type, url] of urls) {
			const answer = await submit(sb, { type, social_media_url: url });
			expect(answer.status, url).toBe(202);
		}
	});

	it('answers invalid_callback_url for anything but an http(s) URL', async () => {
		for (const callback_url of ['nope', 'ftp://127.0.0.1/hook', 'javascript:alert(1)', 42]) {
			expect(
				await codeFor({ type: 'followers', social_media_url: PROFILE, callback_url }),
				String(callback_url),
			).toMatchObject({ status: 400, code: 'invalid_callback_url' });
		}
	});

	it('clamps max_results to 10..1000 with 100 as default', async () => {
		const sb = await start({ jobDurationMs: 1e9 });
		const cases: Array<[unknown, number]> = [
			[undefined, 100],
			[5, 10],
			[50, 50],
			['250', 250],
			[5000, 1000],
			[1000, 1000],
			[12.7, 12],
		];
		for (const [given, expected] of cases) {
			const body: Record<string, unknown> = { type: 'followers', social_media_url: PROFILE };
			if (given !== undefined) body.max_results = given;
			const requestId = (await submit(sb, body)).body.data.request_id;
			expect((await getRequest(sb, requestId)).body.data.max_results, String(given)).toBe(expected);
		}
	});

	it('answers 202 with a request_id in the documented format', async () => {
		const sb = await start();
		const before = Math.floor(Date.now() / 1000);
		const answer = await submit(sb, { type: 'replies', social_media_url: POST, max_results: 50 });
		expect(answer.status).toBe(202);
		expect(answer.body.success).toBe(true);
		expect(answer.body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const data = answer.body.data;
		expect(data).toEqual({
			request_id: expect.any(String),
			status: 'queued',
			interaction_type: 'replies',
			platform: 'twitter',
			created_on: expect.stringMatching(/Z$/),
		});
		const match = /^interaction_([0-9a-f]{12})_(\d+)$/.exec(data.request_id);
		expect(match).not.toBeNull();
		expect(Number(match?.[2])).toBeGreaterThanOrEqual(before);
	});

	it('answers GET without request_id with 400 missing_parameters and an unknown one with 404', async () => {
		const sb = await start();
		const missing = await call(sb, 'GET', '/person/interactions');
		expect(missing.status).toBe(400);
		expect(missing.body.error.code).toBe('missing_parameters');
		const unknown = await getRequest(sb, 'interaction_000000000000_1700000000');
		expect(unknown.status).toBe(404);
		expect(unknown.body).toMatchObject({ success: false, error: { code: 'request_not_found' } });
	});

	it('answers unknown endpoints 404 and wrong methods 405 without counting them as API calls', async () => {
		const sb = await start();
		expect((await call(sb, 'GET', '/nope')).status).toBe(404);
		expect((await call(sb, 'POST', '/usage')).status).toBe(405);
		expect(sb.control.stats().requests).toBe(0);
	});
});
