import { afterEach, describe, expect, it } from 'vitest';
import {
	call,
	getRequest,
	PROFILE,
	start,
	stopAll,
	submit,
	submitOk,
} from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

const FOLLOWERS = { type: 'followers', social_media_url: PROFILE };

describe('sandbox authentication', () => {
	it('prints the default key and accepts header auth in any letter case', async () => {
		const sb = await start();
		expect(sb.apiKey).toBe('nyne_sandbox_key');
		expect(sb.apiSecret).toBe('nyne_sandbox_secret');
		const upper = await submit(sb, FOLLOWERS, {
			'X-API-KEY': sb.apiKey,
			'X-API-SECRET': sb.apiSecret,
		});
		const lower = await submit(sb, FOLLOWERS, {
			'x-api-key': sb.apiKey,
			'x-api-secret': sb.apiSecret,
		});
		expect([upper.status, lower.status]).toEqual([202, 202]);
	});

	it('accepts query-parameter auth', async () => {
		const sb = await start();
		const answer = await call(sb, 'GET', `/usage?api_key=${sb.apiKey}&api_secret=${sb.apiSecret}`, {
			headers: {},
		});
		expect(answer.status).toBe(200);
		expect(answer.body.success).toBe(true);
	});

	it("answers 401 missing_api_key / missing_api_secret (today's codes) when the key or the secret is absent", async () => {
		const sb = await start();
		const cases: Array<[Record<string, string>, string]> = [
			[{}, 'missing_api_key'],
			[{ 'X-API-Secret': sb.apiSecret }, 'missing_api_key'],
			[{ 'X-API-Key': sb.apiKey }, 'missing_api_secret'],
		];
		for (const [headers, code] of cases) {
			const answer = await submit(sb, FOLLOWERS, headers);
			expect(answer.status).toBe(401);
			expect(answer.body).toMatchObject({ success: false, error: { code } });
			expect(typeof answer.body.timestamp).toBe('string');
		}
	});

	it('answers 401 invalid_api_secret for a wrong secret, invalid_api_key for an unknown key, and never echoes the secret', async () => {
		const sb = await start();
		const wrongSecret = await submit(sb, FOLLOWERS, {
			'X-API-Key': sb.apiKey,
			'X-API-Secret': 'not-the-secret',
		});
		const unknownKey = await submit(sb, FOLLOWERS, {
			'X-API-Key': 'someone_else',
			'X-API-Secret': sb.apiSecret,
		});
		expect([wrongSecret.body.error.code, unknownKey.body.error.code]).toEqual([
			'invalid_api_secret',
			'invalid_api_key',
		]);
		for (const answer of [wrongSecret, unknownKey]) {
			expect(answer.status).toBe(401);
			expect(JSON.stringify(answer.body)).not.toContain('not-the-secret');
			expect(JSON.stringify(answer.body)).not.toContain(sb.apiSecret);
		}
		expect(sb.control.stats().submissions).toBe(0);
	});

	it('answers 403 api_key_disabled for a disabled key', async () => {
		const sb = await start({ keys: [{ apiKey: 'k_off', apiSecret: 's', disabled: true }] });
		const answer = await submit(sb, FOLLOWERS);
		expect(answer.status).toBe(403);
		expect(answer.body.error.code).toBe('api_key_disabled');
		expect(sb.control.stats().submissions).toBe(0);
	});

	it('keeps the reference\'s missing_credentials / invalid_credentials under apiEdition "reference"', async () => {
		const sb = await start({ apiEdition: 'reference' });
		expect((await submit(sb, FOLLOWERS, { 'X-API-Key': sb.apiKey })).body.error.code).toBe(
			'missing_credentials',
		);
		expect(
			(await submit(sb, FOLLOWERS, { 'X-API-Key': sb.apiKey, 'X-API-Secret': 'nope' })).body.error
				.code,
		).toBe('invalid_credentials');
		expect(
			(await submit(sb, FOLLOWERS, { 'X-API-Key': 'nobody', 'X-API-Secret': sb.apiSecret })).body
				.error.code,
		).toBe('invalid_credentials');
	});

	it('answers 401 api_key_expired for an expired key', async () => {
		const sb = await start({ keys: [{ apiKey: 'old', apiSecret: 's', expired: true }] });
		const answer = await submit(sb, FOLLOWERS);
		expect(answer.status).toBe(401);
		expect(answer.body.error.code).toBe('api_key_expired');
	});

	it('answers the 403 codes each key is configured for', async () => {
		const sb = await start({
			keys: [
				{ apiKey: 'k_ok', apiSecret: 's' },
				{ apiKey: 'k_nofeature', apiSecret: 's', subscription: 'no_feature' },
				{ apiKey: 'k_nosub', apiSecret: 's', subscription: 'none' },
				{ apiKey: 'k_ip', apiSecret: 's', allowedIps: ['10.1.2.3'] },
				{ apiKey: 'k_denied', apiSecret: 's', accessDenied: true },
				{ apiKey: 'k_poor', apiSecret: 's', credits: 2 },
			],
		});
		const as = (apiKey: string) => ({ 'X-API-Key': apiKey, 'X-API-Secret': 's' });
		const codes: Record<string, string> = {
			k_nofeature: 'subscription_required',
			k_nosub: 'no_active_subscription',
			k_ip: 'ip_not_allowed',
			k_denied: 'access_denied',
			k_poor: 'insufficient_credits',
		};
		for (const [apiKey, code] of Object.entries(codes)) {
			const answer = await submit(sb, FOLLOWERS, as(apiKey));
			expect(answer.status, apiKey).toBe(403);
			expect(answer.body.error.code, apiKey).toBe(code);
		}
		expect((await submit(sb, FOLLOWERS, as('k_ok'))).status).toBe(202);
		expect(sb.control.stats().submissions).toBe(1);
	});

	it('lets a key listed for 127.0.0.1 in, and still serves /usage to a key without a subscription', async () => {
		const sb = await start({
			keys: [
				{ apiKey: 'k_local', apiSecret: 's', allowedIps: ['127.0.0.1'] },
				{ apiKey: 'k_nosub', apiSecret: 's', subscription: 'none' },
			],
		});
		expect(
			(await submit(sb, FOLLOWERS, { 'X-API-Key': 'k_local', 'X-API-Secret': 's' })).status,
		).toBe(202);
		expect(
			(
				await call(sb, 'GET', '/usage', {
					headers: { 'X-API-Key': 'k_nosub', 'X-API-Secret': 's' },
				})
			).status,
		).toBe(200);
	});

	it("answers 403 access_denied for another key's request id", async () => {
		const sb = await start({
			keys: [
				{ apiKey: 'a', apiSecret: 's' },
				{ apiKey: 'b', apiSecret: 's' },
			],
		});
		const requestId = await submitOk(sb, FOLLOWERS);
		const mine = await getRequest(sb, requestId);
		const theirs = await call(sb, 'GET', `/person/interactions?request_id=${requestId}`, {
			headers: { 'X-API-Key': 'b', 'X-API-Secret': 's' },
		});
		expect(mine.status).toBe(200);
		expect(theirs.status).toBe(403);
		expect(theirs.body.error.code).toBe('access_denied');
	});
});
