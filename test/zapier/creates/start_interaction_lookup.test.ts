import { describe, expect, it } from 'vitest';

import {
	App,
	appTester,
	authFor,
	expectNoSecrets,
	performOf,
	rejectionOf,
	shownMessage,
	useSandboxWithListener,
} from '../../helpers/zapier/harness';
import { invokeWithZcache, startZcacheRpcServer } from '../../helpers/zapier/zcacheRpcServer';

const create = App.creates.start_interaction_lookup.operation;
const perform = performOf(create.perform);

describe('create start_interaction_lookup', () => {
	const env = useSandboxWithListener();

	it('returns the request id at once', async () => {
		const result = (await appTester(perform, {
			authData: authFor(env.sandbox.url),
			inputData: {
				type: 'followers,following',
				social_media_url: 'https://mobile.twitter.com/Acme?ref=x',
			},
		})) as Record<string, unknown>;
		expect(result).toMatchObject({
			status: 'queued',
			interaction_type: 'followers,following',
			platform: 'twitter',
			callback_url: null,
		});
		expect(result.request_id).toMatch(/^interaction_/);
		expect(result.id).toBe(result.request_id);
		expect(env.sandbox.control.stats()).toMatchObject({ submissions: 1 });
		expectNoSecrets(result);
	});

	it('a z.cache that fails after Nyne accepted the lookup does not fail the step (a re-run would pay twice)', async () => {
		const rpc = await startZcacheRpcServer({
			fails: (method, key) => method === 'zcache_set' && key.startsWith('nyne-lookups:'),
		});
		try {
			const result = (await invokeWithZcache(
				App,
				'creates.start_interaction_lookup.operation.perform',
				{
					authData: authFor(env.sandbox.url),
					inputData: { type: 'followers', social_media_url: 'https://x.com/cache_down' },
				},
				rpc.url,
			)) as Record<string, unknown>;
			expect(result.request_id).toMatch(/^interaction_/);
			expect(env.sandbox.control.stats().submissions).toBe(1);
			expect([...rpc.entries.keys()].some((key) => key.startsWith('nyne-lookups:'))).toBe(false);
		} finally {
			await rpc.close();
		}
	});

	it('passes an optional callback URL on to Nyne', async () => {
		const result = (await appTester(perform, {
			authData: authFor(env.sandbox.url),
			inputData: {
				type: 'followers',
				social_media_url: 'x.com/acme',
				max_results: '10',
				callback_url: env.listener.url,
			},
		})) as { request_id: string; callback_url: string };
		expect(result.callback_url).toBe(env.listener.url);
		const body = (await env.listener.nextBody()) as { request_id: string; status: string };
		expect(body).toMatchObject({ request_id: result.request_id, status: 'completed' });
	});

	it('names the field to fix when max results is out of range, before spending anything', async () => {
		const error = await rejectionOf(
			appTester(perform, {
				authData: authFor(env.sandbox.url),
				inputData: { type: 'followers', social_media_url: 'x.com/acme', max_results: '5000' },
			}),
		);
		expect(shownMessage(error)).toMatch(/Fix the "Max Results" field/);
		expect(env.sandbox.control.stats().requests).toBe(0);
	});

	it('names the field to fix when the callback URL is not a URL', async () => {
		const error = await rejectionOf(
			appTester(perform, {
				authData: authFor(env.sandbox.url),
				inputData: { type: 'followers', social_media_url: 'x.com/acme', callback_url: 'not a url' },
			}),
		);
		expect(shownMessage(error)).toMatch(/Fix the "Callback URL" field/);
	});
});
