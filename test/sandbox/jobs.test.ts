import { afterEach, describe, expect, it } from 'vitest';
import {
	call,
	getRequest,
	POST,
	PROFILE,
	start,
	stopAll,
	submitOk,
	waitFor,
	waitForEnd,
} from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

describe('sandbox jobs', () => {
	it('stays queued for the first fifth of its duration', async () => {
		const sb = await start({ jobDurationMs: 1e9 });
		const requestId = await submitOk(sb, { type: 'followers', social_media_url: PROFILE });
		const answer = await getRequest(sb, requestId);
		expect(answer.body.data).toEqual({
			request_id: requestId,
			status: 'queued',
			interaction_type: 'followers',
			platform: 'twitter',
			social_media_url: PROFILE,
			max_results: 100,
			created_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
		});
	});

	it('moves from queued to processing', async () => {
		// 1 s queued, then 4 s processing in real time
		const sb = await start({ jobDurationMs: 5_000_000 });
		const requestId = await submitOk(sb, { type: 'followers', social_media_url: PROFILE });
		const next = await waitFor(async () => {
			const status = (await getRequest(sb, requestId)).body.data.status;
			return status === 'queued' ? undefined : status;
		}, 'processing');
		expect(next).toBe('processing');
	});

	it('completes with every documented field and charges 3 credits', async () => {
		const sb = await start();
		const requestId = await submitOk(sb, {
			type: 'followers',
			social_media_url: PROFILE,
			max_results: 25,
		});
		const seen = new Set<string>();
		const done = await waitFor(async () => {
			const answer = await getRequest(sb, requestId);
			seen.add(answer.body.data.status);
			return answer.body.data.status === 'completed' ? answer : undefined;
		});
		expect([...seen].every((s) => ['queued', 'processing', 'completed'].includes(s))).toBe(true);
		const data = done.body.data;
		expect(data).toMatchObject({
			request_id: requestId,
			status: 'completed',
			interaction_type: 'followers',
			platform: 'twitter',
			social_media_url: PROFILE,
			max_results: 25,
			result_count: 25,
			created_on: expect.stringMatching(/Z$/),
			completed_on: expect.stringMatching(/Z$/),
		});
		expect(data.result).toMatchObject({
			interaction_type: 'followers',
			source_platform: 'twitter',
			target: {
				username: 'elonmusk',
				display_name: expect.any(String),
				profile_url: 'https://twitter.com/elonmusk',
			},
			total_count: 25,
		});
		expect(data.result.interactions).toHaveLength(25);
		for (const person of data.result.interactions) {
			expect(person).toEqual({
				username: expect.stringMatching(/^[a-z0-9_]{1,15}$/),
				display_name: expect.any(String),
				profile_url: `https://twitter.com/${person.username}`,
				bio: expect.any(String),
				followers_count: expect.any(Number),
				following_count: expect.any(Number),
				verified: expect.any(Boolean),
			});
		}
		const usage = await call(sb, 'GET', '/usage');
		expect(usage.body.data).toMatchObject({
			credits_used: 3,
			credits_remaining: 99_997,
			monthly_allocation: 100_000,
			breakdown: { person_interactions: { credits_used: 3 } },
		});
		expect(sb.control.stats().creditsUsed).toBe(3);
	});

	it('returns replies with their own fields', async () => {
		const sb = await start();
		const done = await waitForEnd(
			sb,
			await submitOk(sb, { type: 'replies', social_media_url: POST, max_results: 10 }),
		);
		const result = done.body.data.result;
		expect(result.target.username).toBe('elonmusk');
		expect(result.interactions.length).toBeGreaterThanOrEqual(5);
		expect(result.interactions.length).toBeLessThanOrEqual(10);
		for (const reply of result.interactions) {
			expect(reply).toEqual({
				username: expect.any(String),
				display_name: expect.any(String),
				profile_url: `https://twitter.com/${reply.username}`,
				reply_text: expect.any(String),
				reply_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				likes_count: expect.any(Number),
				retweets_count: expect.any(Number),
			});
		}
	});

	it('fails no-data targets with "No interaction data found" and charges nothing', async () => {
		const sb = await start();
		const profile = await submitOk(sb, {
			type: 'followers',
			social_media_url: 'https://twitter.com/nodata_person',
		});
		const post = await submitOk(sb, {
			type: 'replies',
			social_media_url: 'https://twitter.com/someone/status/1230000',
		});
		for (const requestId of [profile, post]) {
			const data = (await waitForEnd(sb, requestId)).body.data;
			expect(data).toMatchObject({
				status: 'failed',
				error: 'No interaction data found',
				completed_on: expect.stringMatching(/Z$/),
			});
			expect(data.result).toBeUndefined();
		}
		const usage = (await call(sb, 'GET', '/usage')).body.data;
		expect(usage.credits_used).toBe(0);
		expect(usage.breakdown.person_interactions.requests).toBeGreaterThanOrEqual(4);
	});

	it('serves the combined type with a relation on each entry', async () => {
		const sb = await start();
		const result = (
			await waitForEnd(
				sb,
				await submitOk(sb, {
					type: 'followers,following',
					social_media_url: PROFILE,
					max_results: 10,
				}),
			)
		).body.data.result;
		const relations = result.interactions.map((p: { relation: string }) => p.relation);
		expect(relations.filter((r: string) => r === 'follower')).toHaveLength(10);
		expect(relations.filter((r: string) => r === 'following')).toHaveLength(10);
		expect(result.total_count).toBe(20);
	});

	it('answers 404 right after submit while early404Ms lasts, then the job', async () => {
		const sb = await start({ early404Ms: 1e9, jobDurationMs: 1 });
		const requestId = await submitOk(sb, { type: 'followers', social_media_url: PROFILE });
		const early = await getRequest(sb, requestId);
		expect(early.status).toBe(404);
		expect(early.body.error.code).toBe('request_not_found');
		const later = await start({ early404Ms: 100, jobDurationMs: 1e9 });
		const laterId = await submitOk(later, { type: 'followers', social_media_url: PROFILE });
		const found = await waitFor(
			async () => ((await getRequest(later, laterId)).status === 200 ? true : undefined),
			'job after early 404',
		);
		expect(found).toBe(true);
	});

	it('uses the job duration set through control', async () => {
		const sb = await start({ jobDurationMs: 1 });
		sb.control.setJobDurationMs((job) => (job.username === 'slowpoke' ? 1e9 : 1));
		const slow = await submitOk(sb, {
			type: 'followers',
			social_media_url: 'https://twitter.com/slowpoke',
		});
		const quick = await submitOk(sb, { type: 'followers', social_media_url: PROFILE });
		expect((await waitForEnd(sb, quick)).body.data.status).toBe('completed');
		expect((await getRequest(sb, slow)).body.data.status).toBe('queued');
	});
});
