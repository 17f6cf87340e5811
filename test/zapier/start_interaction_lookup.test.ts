import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '../../sandbox/index';
import { App, appTester, authFor, expectNoSecrets, KEY, rejectionOf, SECRET, shownMessage, startCallbackListener, type CallbackListener } from './harness';

const create = App.creates.start_interaction_lookup.operation;

describe('create start_interaction_lookup', () => {
	let sandbox: Sandbox;
	let listener: CallbackListener;
	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, keys: [{ apiKey: KEY, apiSecret: SECRET }] });
		listener = await startCallbackListener();
	});
	afterAll(async () => {
		await listener.close();
		await sandbox.close();
	});
	beforeEach(() => sandbox.control.reset());

	it('returns the request id at once', async () => {
		const result = (await appTester(create.perform, {
			authData: authFor(sandbox.url),
			inputData: { type: 'followers,following', social_media_url: 'https://mobile.twitter.com/Acme?ref=x' },
		})) as Record<string, unknown>;
		expect(result).toMatchObject({ status: 'queued', interaction_type: 'followers,following', platform: 'twitter', callback_url: null });
		expect(result.request_id).toMatch(/^interaction_/);
		expect(result.id).toBe(result.request_id);
		expect(sandbox.control.stats()).toMatchObject({ submissions: 1 });
		expectNoSecrets(result);
	});

	it('passes an optional callback URL on to Nyne', async () => {
		const result = (await appTester(create.perform, {
			authData: authFor(sandbox.url),
			inputData: { type: 'followers', social_media_url: 'x.com/acme', max_results: '10', callback_url: listener.url },
		})) as { request_id: string; callback_url: string };
		expect(result.callback_url).toBe(listener.url);
		const body = (await listener.nextBody()) as { request_id: string; status: string };
		expect(body).toMatchObject({ request_id: result.request_id, status: 'completed' });
	});

	it('names the field to fix when max results is out of range, before spending anything', async () => {
		const error = await rejectionOf(
			appTester(create.perform, {
				authData: authFor(sandbox.url),
				inputData: { type: 'followers', social_media_url: 'x.com/acme', max_results: '5000' },
			}),
		);
		expect(shownMessage(error)).toMatch(/Fix the "Max Results" field/);
		expect(sandbox.control.stats().requests).toBe(0);
	});

	it('names the field to fix when the callback URL is not a URL', async () => {
		const error = await rejectionOf(
			appTester(create.perform, {
				authData: authFor(sandbox.url),
				inputData: { type: 'followers', social_media_url: 'x.com/acme', callback_url: 'not a url' },
			}),
		);
		expect(shownMessage(error)).toMatch(/Fix the "Callback URL" field/);
	});
});
