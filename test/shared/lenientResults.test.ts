import { describe, expect, it } from 'vitest';

import { buildInteractionRequest, NyneClient, toInteractionItems } from '../../shared';
import { scaledSandboxClient, useSandbox } from '../helpers/sandbox/sandboxFixture';
import { ok, recordingTransport, running, virtualClock } from '../helpers/core/virtualApi';
import { runLookup } from '../helpers/core/runLookup';

const SCALE = 0.001;

describe('never lose a paid result: odd results from the sandbox over HTTP, through the core', () => {
	const env = useSandbox({ timeScale: SCALE, jobDurationMs: 0 });

	const client = (): NyneClient => scaledSandboxClient(env.sandbox, SCALE);

	it('a completed result with a person whose username is null and total_count as text: every named person kept, one dropped and counted', async () => {
		env.sandbox.control.injectFault({ kind: 'odd_result', shape: 'nameless_person', times: 5 });
		const lookup = await runLookup(
			client(),
			buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: 'https://x.com/odd_people',
				maxResults: 12,
			}),
		);
		expect(lookup.result.interactions).toHaveLength(12);
		expect(lookup.result.dropped_count).toBe(1);
		expect(lookup.result.total_count).toBe(12);
		expect(
			lookup.result.interactions.every(
				(person) => typeof person.username === 'string' && person.username.length > 0,
			),
		).toBe(true);
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('a completed result sent as `result: null` is an empty result, and toInteractionItems gives no people instead of throwing', async () => {
		const api = client();
		const { request_id: requestId } = await api.submit(
			buildInteractionRequest({
				type: 'following',
				socialMediaUrl: 'https://instagram.com/null_result',
				maxResults: 10,
			}),
		);
		env.sandbox.control.injectFault({ kind: 'odd_result', shape: 'null_result', times: 5 });
		const outcome = await api.waitForResult(requestId);
		expect(outcome).toMatchObject({
			status: 'completed',
			request_id: requestId,
			result: { interactions: [], dropped_count: 0 },
		});
		if (outcome.status !== 'completed') throw new Error('expected completed');
		expect(toInteractionItems(outcome.result, { request_id: requestId })).toEqual([]);
		const status = await api.getRequest(requestId);
		expect(status.result).toMatchObject({ interactions: [] });
	});

	it("Instagram followers (today's API) are looked up and read like Twitter/X ones", async () => {
		const lookup = await runLookup(
			client(),
			buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: 'https://instagram.com/nyne_ai',
				maxResults: 10,
			}),
		);
		expect(lookup).toMatchObject({
			status: 'completed',
			platform: 'instagram',
			result: { source_platform: 'instagram' },
		});
		expect(toInteractionItems(lookup.result, lookup)[0]).toMatchObject({
			relation: 'follower',
			target_username: 'nyne_ai',
			platform: 'instagram',
		});
	});
});

describe('lenient where it may be, strict on what identifies the lookup (exact answers)', () => {
	const ID = 'interaction_abc123def456_1700000000';
	const completedWith = (result: unknown, extra: Record<string, unknown> = {}) =>
		ok({
			request_id: ID,
			status: 'completed',
			interaction_type: 'followers',
			platform: 'twitter',
			result,
			...extra,
		});
	const clientOn = (answers: Parameters<typeof recordingTransport>[0]) => {
		const api = recordingTransport(answers);
		const clock = virtualClock();
		return {
			api,
			client: new NyneClient({
				signRequests: true,
				baseUrl: 'http://127.0.0.1:9',
				apiKey: 'key_probe_1234',
				apiSecret: 'secret_probe_5678',
				transport: api.transport,
				...clock,
				random: () => 0.5,
				limiter: false,
			}),
		};
	};

	it('missing or text total_count, odd target and people of every kind: read, not refused', async () => {
		const { client } = clientOn(() =>
			completedWith(
				{
					interaction_type: 7,
					source_platform: null,
					target: 'elonmusk',
					interactions: [
						{ username: 'a' },
						{ username: null },
						{ username: 'b', verified: 'yes' },
						[],
						3,
					],
					total_count: 'five',
				},
				{ result_count: '2', created_on: 12, error: { why: 'object' } },
			),
		);
		const status = await client.getRequest(ID);
		expect(status.result).toMatchObject({
			interaction_type: '',
			source_platform: '',
			target: { username: '' },
			total_count: 2,
			dropped_count: 3,
		});
		expect(status.result?.interactions.map((person) => person.username)).toEqual(['a', 'b']);
		expect(status).toMatchObject({ result_count: 2 });
	});

	it('queued, processing, pending and an unknown state all keep polling; completed ends it', async () => {
		const states = ['queued', 'processing', 'pending', 'warming_up'];
		const { api, client } = clientOn((_request, index) =>
			index < states.length
				? running(ID, states[index])
				: completedWith({ interactions: [{ username: 'done' }] }),
		);
		const outcome = await client.waitForResult(ID);
		expect(outcome.status).toBe('completed');
		expect(api.requests).toHaveLength(5);
	});

	it('a status without a usable request_id, or with a status that is not text, is invalid_response', async () => {
		for (const data of [
			{ status: 'completed' },
			{ request_id: 'x'.repeat(201), status: 'completed' },
			{ request_id: ID, status: 5 },
		]) {
			const { client } = clientOn(() => ok(data));
			await expect(client.getRequest(ID)).rejects.toMatchObject({ code: 'invalid_response' });
		}
	});
});
