import { describe, expect, it } from 'vitest';

import {
	buildInteractionRequest,
	collectLookup,
	NyneApiError,
	NyneClient,
	readCallback,
	readLookup,
	startLookup,
} from '../../shared';
import type { Transport } from '../../shared';
import {
	accepted,
	completed,
	fail,
	ok,
	recordingTransport,
	virtualClock,
} from '../helpers/core/virtualApi';

const BODY = buildInteractionRequest({
	type: 'followers',
	socialMediaUrl: 'https://x.com/elonmusk',
	maxResults: 50,
	callbackUrl: 'https://example.com/hook',
});
/** Created at the virtual clock's start (1_700_000_000 s). */
const ID = 'interaction_abc123def456_1700000000';

function client(transport: Transport, clock = virtualClock()) {
	return new NyneClient({
		signRequests: true,
		baseUrl: 'http://127.0.0.1:9',
		apiKey: 'key_1234',
		apiSecret: 'sec_5678',
		transport,
		sleep: clock.sleep,
		now: clock.now,
		random: () => 0.5,
		limiter: false,
	});
}

describe('the lookup use cases', () => {
	it('startLookup gives the accepted lookup in the API field names, with its callback URL', async () => {
		const view = await startLookup(client(recordingTransport(() => accepted(ID)).transport), BODY);
		expect(view).toEqual({
			summary: {
				request_id: ID,
				status: 'queued',
				interaction_type: 'followers',
				platform: 'twitter',
				created_on: '2025-01-15T10:30:00Z',
				callback_url: 'https://example.com/hook',
			},
			people: [],
			dropped: 0,
		});
	});

	it('collectLookup gives the people as flat items and the summary of a completed lookup', async () => {
		const api = recordingTransport((request) =>
			request.method === 'POST' ? accepted(ID) : completed(ID, ['alice', 'bob']),
		);
		const nyne = client(api.transport);
		await nyne.submit(BODY);
		const view = await collectLookup(nyne, ID);
		expect(view.summary).toMatchObject({
			request_id: ID,
			status: 'completed',
			result_count: 2,
			total_count: 2,
			target: { username: 'elonmusk' },
		});
		expect(
			view.people.map((person) => [person.username, person.relation, person.target_username]),
		).toEqual([
			['alice', 'follower', 'elonmusk'],
			['bob', 'follower', 'elonmusk'],
		]);
		expect(view.failure).toBeUndefined();
	});

	it('a failed lookup carries the one lookup_failed error, the same from a status read and from a callback', async () => {
		const failedStatus = ok({
			request_id: ID,
			status: 'failed',
			interaction_type: 'followers',
			platform: 'twitter',
			error: 'No interaction data found',
		});
		const read = await readLookup(client(recordingTransport(() => failedStatus).transport), ID);
		const called = readCallback({
			request_id: ID,
			status: 'failed',
			interaction_type: 'followers',
			platform: 'twitter',
			error: 'No interaction data found',
		});
		for (const view of [read, called]) {
			expect(view.failure).toBeInstanceOf(NyneApiError);
			expect(view.failure).toMatchObject({ code: 'lookup_failed', requestId: ID });
			expect(view.failure?.message).toBe(
				`The lookup failed: No interaction data found (request ${ID}). Nyne charges no credits for a lookup that finds no data.`,
			);
			expect(view.summary).toMatchObject({ status: 'failed', error: 'No interaction data found' });
			expect(view.people).toEqual([]);
		}
	});

	it('the one 404 rule: a young request reads as pending, an old or unknown one is not found', async () => {
		const clock = virtualClock();
		const gone = recordingTransport(() => fail(404, 'request_not_found'));
		const nyne = client(gone.transport, clock);
		expect((await readLookup(nyne, ID)).summary).toMatchObject({
			request_id: ID,
			status: 'pending',
		});
		clock.advance(29_000);
		expect((await readLookup(nyne, ID)).summary.status).toBe('pending');
		clock.advance(2_000);
		await expect(readLookup(nyne, ID)).rejects.toMatchObject({ code: 'request_not_found' });
		await expect(readLookup(nyne, 'interaction_unknown_1')).rejects.toMatchObject({
			code: 'request_not_found',
		});
		const startedLater = clock.now() - 10_000;
		expect((await readLookup(nyne, ID, { submittedAt: startedLater })).summary.status).toBe(
			'pending',
		);
	});

	it('readCallback refuses a body that is not a Nyne callback', () => {
		expect(() => readCallback({ hello: 'world' })).toThrow(/not a Nyne callback/);
	});
});
