import { describe, expect, it } from 'vitest';

import {
	buildInteractionRequest,
	isYoungRequest,
	notFoundMeaning,
	NyneClient,
	requestCreatedAtMs,
	type Sleep,
} from '../../shared';
import { fetchTransport } from '../helpers/core/fetchTransport';
import { useSandbox } from '../helpers/sandbox/sandboxFixture';
import { completed, fail, recordingTransport, virtualClock } from '../helpers/core/virtualApi';

const SCALE = 0.001;

describe('a young request answered 404 is waited through, by the one core rule (sandbox over HTTP)', () => {
	const env = useSandbox({ timeScale: SCALE, jobDurationMs: 0 });

	/** Real time for "now" (the request ID carries real Unix seconds), sleeps shrunk by the sandbox's scale. */
	function client(): NyneClient {
		const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms * SCALE));
		return new NyneClient({
			signRequests: true,
			baseUrl: env.sandbox.url,
			apiKey: env.sandbox.apiKey,
			apiSecret: env.sandbox.apiSecret,
			transport: fetchTransport(),
			now: Date.now,
			sleep,
			limiter: false,
		});
	}

	async function startElsewhere(): Promise<string> {
		return (
			await client().submit(
				buildInteractionRequest({
					type: 'followers',
					socialMediaUrl: 'https://x.com/just_started',
					maxResults: 10,
				}),
			)
		).request_id;
	}

	it("Don't Wait, then Get in another client: 404s for a request created seconds ago are asked again until it shows", async () => {
		const requestId = await startElsewhere();
		env.sandbox.control.injectFault({ kind: 'early_404', times: 3 });
		const status = await client().getRequest(requestId, { waitWhileYoung: true });
		expect(status.request_id).toBe(requestId);
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(4);
	});

	it('without waitWhileYoung, or for an old request ID, the 404 is final after one ask', async () => {
		const requestId = await startElsewhere();
		env.sandbox.control.injectFault({ kind: 'early_404', times: 1 });
		await expect(client().getRequest(requestId)).rejects.toMatchObject({
			code: 'request_not_found',
		});
		await expect(
			client().getRequest('interaction_abc123def456_1700000000', { waitWhileYoung: true }),
		).rejects.toMatchObject({ code: 'request_not_found' });
		await expect(
			client().getRequest('interaction_no_time_in_it', { waitWhileYoung: true }),
		).rejects.toMatchObject({ code: 'request_not_found' });
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(3);
	});

	it('waitForResult on a request another client started also waits through its early 404s', async () => {
		const requestId = await startElsewhere();
		env.sandbox.control.injectFault({ kind: 'early_404', times: 2 });
		const outcome = await client().waitForResult(requestId);
		expect(outcome).toMatchObject({ status: 'completed', request_id: requestId });
	});
});

describe('how young is young (exact clock)', () => {
	const at = 1_700_000_000_000;

	it('reads the creation time from interaction_<hex>_<unix seconds>', () => {
		expect(requestCreatedAtMs('interaction_abc123def456_1700000000')).toBe(at);
		expect(requestCreatedAtMs('interaction_abc123def456')).toBeUndefined();
		expect(isYoungRequest('interaction_abc_1700000000', at + 29_000)).toBe(true);
		expect(isYoungRequest('interaction_abc_1700000000', at + 31_000)).toBe(false);
		expect(isYoungRequest('interaction_abc_1700000000', at - 10_000)).toBe(true);
		expect(isYoungRequest('interaction_abc_9999999999', at)).toBe(false);
	});

	it('one rule for every wait: young, then a few strays for a lookup known to exist, then gone', () => {
		const id = 'interaction_abc_1700000000';
		expect(notFoundMeaning(id, at + 29_000)).toBe('not_visible_yet');
		expect(notFoundMeaning(id, at + 31_000)).toBe('gone');
		const known = { submittedAt: at };
		expect(notFoundMeaning(id, at + 31_000, { ...known, strays: 0 })).toBe('stray');
		expect(notFoundMeaning(id, at + 31_000, { ...known, strays: 1 })).toBe('stray');
		expect(notFoundMeaning(id, at + 31_000, { ...known, strays: 2 })).toBe('gone');
		expect(notFoundMeaning(id, at + 29_000, { ...known, strays: 2 })).toBe('not_visible_yet');
	});

	it('stops asking once the request is no longer young, or at maxWaitMs', async () => {
		const clock = virtualClock(at);
		const api = recordingTransport(() => fail(404, 'request_not_found'));
		const client = new NyneClient({
			signRequests: true,
			baseUrl: 'http://127.0.0.1:9',
			apiKey: 'key_probe_1234',
			apiSecret: 'secret_probe_5678',
			transport: api.transport,
			...clock,
			limiter: false,
		});
		await expect(
			client.getRequest('interaction_abc_1700000000', { waitWhileYoung: true }),
		).rejects.toMatchObject({ code: 'request_not_found' });
		expect(clock.now() - at).toBeLessThanOrEqual(30_000);
		expect(api.requests.length).toBeGreaterThan(3);
		const asked = api.requests.length;
		const fresh = `interaction_abc_${Math.floor(clock.now() / 1000)}`;
		await expect(
			client.getRequest(fresh, { waitWhileYoung: true, maxWaitMs: 3_000 }),
		).rejects.toMatchObject({ code: 'request_not_found' });
		expect(api.requests.length - asked).toBe(3);
	});

	it('a 404 then the result: found', async () => {
		const clock = virtualClock(at);
		const api = recordingTransport((_request, index) =>
			index < 2 ? fail(404, 'request_not_found') : completed('interaction_abc_1700000000'),
		);
		const client = new NyneClient({
			signRequests: true,
			baseUrl: 'http://127.0.0.1:9',
			apiKey: 'key_probe_1234',
			apiSecret: 'secret_probe_5678',
			transport: api.transport,
			...clock,
			limiter: false,
		});
		expect(
			(await client.getRequest('interaction_abc_1700000000', { waitWhileYoung: true })).status,
		).toBe('completed');
		expect(clock.slept).toEqual([1_000, 2_000]);
	});
});
