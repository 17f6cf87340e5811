import { describe, expect, it } from 'vitest';

import { apiErrorFromResponse, redactSecrets } from '../../shared';

const KEY = 'zk_live_K3Y_base64_probe';
const SECRET = 'zs_S3CRET_base64~probe?';
const SECRETS = [KEY, SECRET];
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('redaction: base64 forms and short secrets', () => {
	it.each([
		['key:secret in base64 (a Basic auth header)', b64(`${KEY}:${SECRET}`)],
		['key:secret in base64 without padding', b64(`${KEY}:${SECRET}`).replace(/=+$/, '')],
		['key:secret in base64url', b64url(`${KEY}:${SECRET}`)],
		['secret:key in base64', b64(`${SECRET}:${KEY}`)],
		['the secret in base64', b64(SECRET)],
		['the key in base64url', b64url(KEY)],
	])('%s', (_form, leaked) => {
		expect(redactSecrets(`upstream echoed Authorization: Basic ${leaked} (bad)`, SECRETS)).toBe(
			'upstream echoed Authorization: Basic *** (bad)',
		);
	});

	it('a server message echoing base64 key:secret never reaches an error', () => {
		const error = apiErrorFromResponse(
			{
				status: 401,
				headers: {},
				body: {
					success: false,
					error: { code: 'invalid_credentials', message: `got Basic ${b64(`${KEY}:${SECRET}`)}` },
				},
			},
			0,
			SECRETS,
		);
		expect(error.serverMessage).toBe('got Basic ***');
		expect(JSON.stringify(error)).not.toContain(b64(`${KEY}:${SECRET}`));
	});

	it('a secret shorter than 4 characters is redacted where it stands alone, and ordinary words survive', () => {
		expect(redactSecrets('secret=x9 rejected; x9 is wrong; max9x stays', [KEY, 'x9'])).toBe(
			'secret=*** rejected; *** is wrong; max9x stays',
		);
		expect(redactSecrets(`Basic ${b64('k:s')}`, ['k', 's'])).toBe('Basic ***');
	});
});
