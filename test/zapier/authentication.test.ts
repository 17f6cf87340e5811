import { describe, expect, it } from 'vitest';

import {
	App,
	appTester,
	authFor,
	expectNoSecrets,
	KEY,
	performOf,
	rejectionOf,
	SECRET,
	useSandbox,
} from '../helpers/zapier/harness';

const testAuth = performOf(App.authentication?.test);

describe('Zapier authentication', () => {
	const env = useSandbox();

	it('tests the key pair with GET /usage', async () => {
		const usage = await appTester(testAuth, { authData: authFor(env.sandbox.url) });
		expect(usage).toMatchObject({ credits_remaining: expect.any(Number) });
		expect(env.sandbox.control.stats().byEndpoint).toMatchObject({ 'GET /usage': 1 });
		expectNoSecrets(usage);
	});

	it('asks to reconnect when the secret is wrong, without echoing it', async () => {
		const error = await rejectionOf(
			appTester(testAuth, { authData: authFor(env.sandbox.url, KEY, 'wrong_secret_value') }),
		);
		expect(error.name).toBe('ExpiredAuthError');
		expect(error.message).toMatch(/"API Secret" field/);
		expectNoSecrets(error);
		expect(error.message).not.toContain('wrong_secret_value');
	});

	it('reads NYNE_BASE_URL when the credential has no base URL', async () => {
		const saved = process.env.NYNE_BASE_URL;
		process.env.NYNE_BASE_URL = env.sandbox.url;
		try {
			const usage = await appTester(testAuth, { authData: { api_key: KEY, api_secret: SECRET } });
			expect(usage).toMatchObject({ credits_remaining: expect.any(Number) });
		} finally {
			if (saved === undefined) delete process.env.NYNE_BASE_URL;
			else process.env.NYNE_BASE_URL = saved;
		}
	});
});
