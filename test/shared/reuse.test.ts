import { describe, expect, it } from 'vitest';

import {
	buildInteractionRequest,
	findReusable,
	MemoryReuseStore,
	NyneClient,
	rememberPaid,
	REUSE_WINDOW_MS,
	reuseKey,
	toLookupView,
} from '../../shared';
import type { Transport } from '../../shared';
import {
	completed,
	fail,
	recordingTransport,
	running,
	virtualClock,
} from '../helpers/core/virtualApi';

const ID = 'interaction_abc123def456_1700000000';
const BODY = buildInteractionRequest({
	type: 'followers',
	socialMediaUrl: 'https://x.com/elonmusk',
	maxResults: 50,
});

function client(transport: Transport, now: () => number) {
	return new NyneClient({
		signRequests: true,
		baseUrl: 'http://127.0.0.1:9',
		apiKey: 'key_1234',
		apiSecret: 'sec_5678',
		transport,
		sleep: async () => {},
		now,
		limiter: false,
	});
}

const paid = toLookupView({ request_id: ID, status: 'completed' });

describe('reuse of a lookup already paid for', () => {
	it('within the window: one free status read, marked reused and charged 0', async () => {
		const clock = virtualClock();
		const store = new MemoryReuseStore();
		await rememberPaid(store, BODY, paid, clock.now);
		clock.advance(REUSE_WINDOW_MS - 1);
		const api = recordingTransport(() => completed(ID));
		const view = await findReusable(client(api.transport, clock.now), store, BODY, {
			now: clock.now,
		});
		expect(api.requests.map((request) => request.method)).toEqual(['GET']);
		expect(view?.summary).toMatchObject({ request_id: ID, credits: 0, reused_from: ID });
		expect(view?.people.map((person) => person.username)).toEqual(['alice', 'bob']);
	});

	it('past the window, or for another type, URL or Max Results, nothing is read', async () => {
		const clock = virtualClock();
		const store = new MemoryReuseStore();
		await rememberPaid(store, BODY, paid, clock.now);
		const api = recordingTransport(() => completed(ID));
		const nyne = client(api.transport, clock.now);
		const other = buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: 'https://x.com/elonmusk',
			maxResults: 51,
		});
		expect(reuseKey(other)).not.toBe(reuseKey(BODY));
		expect(await findReusable(nyne, store, other, { now: clock.now })).toBeUndefined();
		clock.advance(REUSE_WINDOW_MS + 1);
		expect(await findReusable(nyne, store, BODY, { now: clock.now })).toBeUndefined();
		expect(api.requests).toHaveLength(0);
		expect(await store.get(reuseKey(BODY))).toBeUndefined();
	});

	it('a request Nyne no longer knows is forgotten, so the caller pays for a new one; one still running is not reused', async () => {
		const clock = virtualClock();
		const store = new MemoryReuseStore();
		await rememberPaid(store, BODY, paid, clock.now);
		const gone = recordingTransport(() => fail(404, 'request_not_found'));
		expect(
			await findReusable(client(gone.transport, clock.now), store, BODY, { now: clock.now }),
		).toBeUndefined();
		expect(await store.get(reuseKey(BODY))).toBeUndefined();

		await rememberPaid(
			store,
			BODY,
			toLookupView({ request_id: ID, status: 'processing' }),
			clock.now,
		);
		const busy = recordingTransport(() => running(ID));
		expect(
			await findReusable(client(busy.transport, clock.now), store, BODY, { now: clock.now }),
		).toBeUndefined();
	});

	it('a failed lookup (no data, no charge) and a reused one are not recorded; the memory store is bounded', async () => {
		const store = new MemoryReuseStore(2);
		await rememberPaid(
			store,
			BODY,
			toLookupView({ request_id: ID, status: 'failed', error: 'none' }),
			() => 1,
		);
		expect(await store.get(reuseKey(BODY))).toBeUndefined();
		const reused = toLookupView({ request_id: ID, status: 'completed' });
		reused.summary.reused_from = ID;
		await rememberPaid(store, BODY, reused, () => 1);
		expect(await store.get(reuseKey(BODY))).toBeUndefined();
		for (const n of [1, 2, 3]) await store.set(`k${n}`, { requestId: `r${n}`, at: n });
		expect(await store.get('k1')).toBeUndefined();
		expect(await store.get('k3')).toEqual({ requestId: 'r3', at: 3 });
	});
});

describe('a reuse that cannot be read is a miss, never a failure', () => {
	it.each([
		[403, 'access_denied'],
		[401, 'invalid_api_key'],
		[500, 'internal_error'],
	])('a status read answered %i %s: undefined, and the record is kept', async (status, code) => {
		const clock = virtualClock();
		const store = new MemoryReuseStore();
		await rememberPaid(store, BODY, paid, clock.now);
		const api = recordingTransport(() => fail(status, code));
		const found = await findReusable(client(api.transport, clock.now), store, BODY, {
			now: clock.now,
		});
		expect(found).toBeUndefined();
		expect(await store.get(reuseKey(BODY))).toMatchObject({ requestId: ID });
	});

	it('a store that fails to read is a miss, and nothing is asked of Nyne', async () => {
		const clock = virtualClock();
		const api = recordingTransport(() => fail(500, 'internal_error'));
		const broken = {
			get: async () => Promise.reject(new Error('cache down')),
			set: async () => {},
			delete: async () => {},
		};
		expect(
			await findReusable(client(api.transport, clock.now), broken, BODY, { now: clock.now }),
		).toBeUndefined();
		expect(api.requests).toHaveLength(0);
	});
});
