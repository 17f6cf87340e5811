import { describe, expect, it } from 'vitest';

import {
	apiErrorFromResponse,
	describeApiError,
	maskCallbackUrl,
	normalizeBaseUrl,
	NyneClient,
	redactSecrets,
	type TransportResponse,
} from '../../shared';
import { accepted, recordingTransport, virtualClock } from '../helpers/core/virtualApi';

const KEY = 'zk_Live/Key+with=odd chars';
const SECRET = 'zs_S3cret"quoted"\\slash';
const SECRETS = [KEY, SECRET];

describe('secrets are redacted in every form a server or network hands them back', () => {
	it.each([
		['raw', SECRET],
		['URL-encoded', encodeURIComponent(SECRET)],
		[
			'URL-encoded, lower-case hex',
			encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
		],
		['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2)],
		['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
		['the key, raw', KEY],
		['the key, URL-encoded', encodeURIComponent(KEY)],
	])('%s', (_form, leaked) => {
		const text = `upstream said: auth=${leaked}; try again`;
		expect(redactSecrets(text, SECRETS)).toBe('upstream said: auth=***; try again');
	});

	it("in an error envelope's message, a code that is a secret, and a failed lookup's error", async () => {
		const now = 0;
		const echoed = apiErrorFromResponse(
			{
				status: 400,
				headers: {},
				body: {
					success: false,
					error: {
						code: 'invalid_url',
						message: `bad ${encodeURIComponent(KEY)} ${JSON.stringify(SECRET)}`,
					},
				},
			},
			now,
			SECRETS,
		);
		expect(echoed.serverMessage).toBe('bad *** "***"');
		const secretCode = apiErrorFromResponse(
			{ status: 400, headers: {}, body: { success: false, error: { code: 'zk_plain_key_1234' } } },
			now,
			['zk_plain_key_1234', SECRET],
		);
		expect(secretCode.code).toBe('http_400');
		expect(secretCode.message).not.toContain('zk_plain_key_1234');

		const failed = recordingTransport((request) =>
			request.method === 'POST'
				? accepted()
				: {
						status: 200,
						headers: {},
						body: {
							success: true,
							data: {
								request_id: 'interaction_abc123def456_1700000000',
								status: 'failed',
								error: `key ${KEY} refused`,
							},
						},
					},
		);
		const client = new NyneClient({
			signRequests: true,
			baseUrl: 'http://127.0.0.1:9',
			apiKey: KEY,
			apiSecret: SECRET,
			transport: failed.transport,
			...virtualClock(),
			limiter: false,
		});
		const status = await client.getRequest('interaction_abc123def456_1700000000');
		expect(status.error).toBe('key *** refused');
	});
});

describe('a server code that is not ^[a-z0-9_]{1,64}$ becomes http_<status>', () => {
	const answer = (status: number, code: unknown): TransportResponse => ({
		status,
		headers: {},
		body: { success: false, error: { code, message: 'm' } },
	});
	it.each([
		['HTML', '<b>oops</b>', 'http_502', 502],
		['upper case', 'INVALID_URL', 'http_400', 400],
		['too long', 'a'.repeat(65), 'http_400', 400],
		['a sentence', 'bad request: see docs', 'http_422', 422],
	])('%s', (_what, code, expected, status) => {
		expect(apiErrorFromResponse(answer(status, code), 0, SECRETS).code).toBe(expected);
	});

	it('a code that names an Object.prototype member gets the plain wording, not a crash', () => {
		const error = apiErrorFromResponse(answer(400, 'constructor'), 0, SECRETS);
		expect(error.code).toBe('constructor');
		expect(typeof error.message).toBe('string');
		expect(error.message).toContain('HTTP 400');
	});
});

describe("today's authentication codes name the credential field to fix", () => {
	it.each([
		['missing_api_key', /"API Key" field/],
		['invalid_api_key', /"API Key" field/],
		['missing_api_secret', /"API Secret" field/],
		['invalid_api_secret', /"API Secret" field/],
		['api_key_disabled', /disabled.*"API Key"/],
	])('%s', (code, field) => {
		expect(describeApiError(code)).toMatch(field);
	});
});

describe('Base URL: https (http only on this machine), no user-info, query or fragment; request URLs resolved with URL', () => {
	it.each([
		['http://api.nyne.ai', /http:\/\/ is allowed only for a sandbox on this machine/],
		['http://10.0.0.5:8787', /http:\/\/ is allowed only/],
		['https://user:pass@api.nyne.ai', /user name or password/],
		['https://api.nyne.ai/?x=1', /query/],
		['https://api.nyne.ai#frag', /fragment/],
		['https://api.nyne.ai/?', /query/],
		['ftp://api.nyne.ai', /https/],
		['not a url', /not a URL/],
	])('refuses %s', (raw, message) => {
		expect(() => normalizeBaseUrl(raw)).toThrow(message);
	});

	it.each([
		['https://api.nyne.ai/', 'https://api.nyne.ai'],
		['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['https://proxy.example.com/nyne/', 'https://proxy.example.com/nyne'],
	])('accepts %s', (raw, normalized) => {
		expect(normalizeBaseUrl(raw)).toBe(normalized);
	});

	it('keeps a base path, and encodes the request ID as a query parameter, not by concatenation', async () => {
		const api = recordingTransport((request) =>
			request.method === 'POST' ? accepted() : { status: 404, headers: {}, body: '' },
		);
		const client = new NyneClient({
			signRequests: true,
			baseUrl: 'https://proxy.example.com/nyne/',
			apiKey: 'key_probe',
			apiSecret: 'secret_probe',
			transport: api.transport,
			...virtualClock(),
			limiter: false,
		});
		await client.getUsage().catch(() => undefined);
		await client.getRequest('interaction_a+b=c_1').catch(() => undefined);
		expect(api.requests[0]?.url).toBe('https://proxy.example.com/nyne/usage');
		expect(api.requests[1]?.url).toBe(
			'https://proxy.example.com/nyne/person/interactions?request_id=interaction_a%2Bb%3Dc_1',
		);
	});

	it('a client with a refused base URL is never built, so nothing is sent', () => {
		const api = recordingTransport(() => accepted());
		expect(
			() =>
				new NyneClient({
					signRequests: true,
					baseUrl: 'http://api.nyne.ai',
					apiKey: 'k_probe',
					apiSecret: 's_probe',
					transport: api.transport,
					...virtualClock(),
				}),
		).toThrow(/https/);
		expect(api.requests).toHaveLength(0);
	});
});

describe('callback URLs are shown with their token masked', () => {
	it.each([
		[
			'https://n8n.example.com/webhook/abc/nyne?token=0123456789abcdef',
			'https://n8n.example.com/webhook/abc/nyne?token=***',
		],
		[
			'https://n8n.example.com/resume/5?nyne_token=abc&x=1',
			'https://n8n.example.com/resume/5?nyne_token=***&x=1',
		],
		['https://hooks.zapier.com/hooks/catch/1/abc/', 'https://hooks.zapier.com/hooks/catch/1/abc/'],
		['https://me:pw@hooks.example.com/x?Token=t', 'https://hooks.example.com/x?Token=***'],
	])('%s', (url, shown) => {
		expect(maskCallbackUrl(url)).toBe(shown);
	});
});
