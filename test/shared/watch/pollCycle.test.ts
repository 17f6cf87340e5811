import { describe, expect, it } from 'vitest';

import {
	buildInteractionRequest,
	HOUR_MS,
	NyneClient,
	WATCH_POLL_ALLOWANCE_MS,
	type TransportResponse,
	pollWatch,
	readWatchRecord,
	watchKeyOf,
	type WatchRecord,
	type WatchTarget,
} from '../../../shared';
import { ModelProfile } from '../../helpers/watch/modelProfile';
import { JOB_MS, VirtualNyne } from '../../helpers/watch/virtualNyne';
import { rejection } from '../../helpers/core/rejection';
import { accepted, fail, ok, virtualClock } from '../../helpers/core/virtualApi';

function cycle(options: { handOver?: number; followers?: number } = {}) {
	let time = 1_800_000_000_000;
	const profile = new ModelProfile(options.followers ?? 20, 0, time);
	const nyne = new VirtualNyne(profile, () => time, 1000);
	let stored: unknown;
	const writes: WatchRecord[] = [];
	let refuseAfterPost = false;
	let posted = false;
	const client = new NyneClient({
		signRequests: true,
		apiKey: 'k',
		apiSecret: 's',
		baseUrl: 'http://127.0.0.1:9',
		transport: async (request) => {
			if (request.method === 'POST') {
				postsAtWrite.push(writes.length);
				posted = true;
			}
			return await nyne.transport(request);
		},
		sleep: async () => {},
		now: () => time,
		limiter: false,
	});
	const postsAtWrite: number[] = [];
	const target: WatchTarget = {
		trigger: 'newFollower',
		mode: 'new',
		body: buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: 'https://x.com/acme',
			maxResults: 1000,
		}),
		intervalMs: HOUR_MS,
		...(options.handOver ? { handOver: options.handOver } : {}),
	};
	const store = {
		read: () => stored,
		write: (record: WatchRecord) => {
			if (refuseAfterPost && posted) throw new Error('cannot save');
			writes.push(structuredClone(record));
			stored = structuredClone(record);
		},
	};
	return {
		profile,
		nyne,
		writes,
		postsAtWrite,
		target,
		later: (ms: number) => (time += ms),
		refuseAfterPost: (on: boolean) => {
			refuseAfterPost = on;
			posted = false;
		},
		poll: async () => await pollWatch({ client, now: () => time, store }, target),
		now: () => time,
	};
}

describe('the poll cycle (shared/watch/pollCycle.ts)', () => {
	it('between lookups a poll sends nothing: a lookup per interval, a free status read to collect it', async () => {
		const c = cycle();
		expect((await c.poll()).started).toBe(true);
		c.later(JOB_MS);
		const collected = await c.poll();
		expect(collected).toMatchObject({ checked: true, started: false, changes: [] });
		const requests = c.nyne.gets + c.nyne.posts;
		for (let i = 0; i < 5; i++) {
			c.later(5 * 60_000);
			expect(await c.poll()).toMatchObject({ checked: false, started: false });
		}
		expect(c.nyne.gets + c.nyne.posts).toBe(requests);
		c.later(HOUR_MS);
		expect((await c.poll()).started).toBe(true);
		expect(c.nyne.posts).toBe(2);
	});

	it('writes the start down before asking Nyne, so a record that cannot be saved afterwards never pays twice', async () => {
		const c = cycle();
		await c.poll();
		expect(c.postsAtWrite).toEqual([1]);
		expect(c.writes[0]).toMatchObject({ pending: null, lastStartedAt: c.now() });
		c.later(JOB_MS);
		await c.poll();
		c.later(HOUR_MS);
		const writes = c.writes.length;
		// The intent is saved; then the store stops saving (the lookup just started is lost, not paid again).
		c.refuseAfterPost(true);
		await expect(c.poll()).rejects.toThrow('cannot save');
		c.refuseAfterPost(false);
		expect(c.writes.length).toBe(writes + 1);
		await c.poll();
		c.later(30 * 60_000);
		await c.poll();
		expect(c.nyne.posts).toBe(2);
	});

	it('hands over at most `handOver` changes a poll, newest first; the rest wait in the record', async () => {
		const c = cycle({ handOver: 100 });
		await c.poll();
		c.later(JOB_MS);
		await c.poll();
		for (let i = 0; i < 150; i++) c.profile.follow(c.now());
		c.later(HOUR_MS);
		await c.poll();
		c.later(JOB_MS);
		const first = await c.poll();
		const second = await c.poll();
		expect(first.changes).toHaveLength(100);
		expect(second.changes).toHaveLength(50);
		const names = [...first.changes, ...second.changes].map((change) => change.person.username);
		// The oldest first, each batch newest first.
		expect([names[0], names[99], names[100]]).toEqual(['user119', 'user20', 'user169']);
		expect(new Set(names).size).toBe(150);
	});

	it('a refused start does not hold back the changes found; with none it is thrown', async () => {
		const c = cycle();
		await c.poll();
		c.later(JOB_MS);
		await c.poll();
		c.profile.follow(c.now());
		c.later(HOUR_MS);
		await c.poll();
		c.later(HOUR_MS);
		c.nyne.refuseNextPost = true;
		const outcome = await c.poll();
		expect(outcome.changes.map((change) => change.person.username)).toEqual(['user20']);
		expect(outcome.notes.map((note) => note.code)).toContain('start_failed');
		c.nyne.refuseNextPost = true;
		await expect(c.poll()).rejects.toThrow();
	});

	it('reads the 0.1.0 n8n static data: its pending lookup is kept', () => {
		const key = watchKeyOf({
			trigger: 'newFollower',
			body: buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: 'https://x.com/acme',
				maxResults: 100,
			}),
		});
		const reading = readWatchRecord(
			{
				watch: key,
				pending: { requestId: 'interaction_abc_1800000000', submittedAt: 5 },
				baselineAt: 1,
				seen: 'AAAAAAAA',
			},
			key,
		);
		expect(reading).toMatchObject({
			migrated: '0.1.0',
			record: {
				pending: { requestId: 'interaction_abc_1800000000', submittedAt: 5, notFound: 0 },
				lastStartedAt: 5,
			},
		});
		expect(reading.record.observed).toMatchObject({ legacySeen: 'AAAAAAAA', baselineAt: 1 });
	});
});

/** A Nyne whose every lookup completes at once with the list (and fields) the test gives, on a virtual clock. */
function scriptedWatch(mode: 'new' | 'lost') {
	const clock = virtualClock(1_800_000_000_000);
	let stored: unknown;
	let answer: { usernames: string[]; platform?: string; totalCount?: number } = { usernames: [] };
	let getFault: (() => TransportResponse) | undefined;
	let posts = 0;
	const client = new NyneClient({
		signRequests: true,
		apiKey: 'k',
		apiSecret: 's',
		baseUrl: 'http://127.0.0.1:9',
		transport: async (request) => {
			if (request.method === 'POST')
				return accepted(`interaction_abc123def456_${1_800_000_000 + ++posts}`);
			if (getFault) return getFault();
			const platform = answer.platform;
			return ok({
				request_id: 'interaction_abc123def456_1800000001',
				status: 'completed',
				interaction_type: 'followers',
				...(platform === undefined ? {} : { platform }),
				result: {
					interaction_type: 'followers',
					...(platform === undefined ? {} : { source_platform: platform }),
					target: { username: 'acme' },
					interactions: answer.usernames.map((username) => ({ username })),
					total_count: answer.totalCount ?? answer.usernames.length,
				},
			});
		},
		sleep: clock.sleep,
		now: clock.now,
		random: () => 0.5,
		limiter: false,
	});
	const target: WatchTarget = {
		trigger: mode === 'new' ? 'newFollower' : 'lostFollower',
		mode,
		body: buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: 'https://x.com/acme',
			maxResults: 1000,
		}),
		intervalMs: HOUR_MS,
	};
	const store = {
		read: () => stored,
		write: (record: WatchRecord) => void (stored = structuredClone(record)),
	};
	const poll = (deadline?: number) =>
		pollWatch({ client, now: clock.now, store, deadline }, target);
	return {
		clock,
		answer: (next: typeof answer) => void (answer = next),
		failGets: (fault: (() => TransportResponse) | undefined) => void (getFault = fault),
		poll,
		/** One lookup: started on one poll, collected on the next, an interval later. */
		lookup: async () => {
			clock.advance(HOUR_MS);
			await poll();
			clock.advance(60_000);
			return (await poll()).changes;
		},
	};
}

const names = (from: number, to: number) =>
	Array.from({ length: to - from }, (_, i) => `person${from + i}`);

describe('the watch is keyed by what the user watches', () => {
	it.each([[undefined], ['x'], ['']])(
		'an answer whose platform is %j reports no one as new',
		async (platform) => {
			const w = scriptedWatch('new');
			w.answer({ usernames: names(0, 20), platform: 'twitter' });
			expect(await w.lookup()).toEqual([]);
			w.answer({ usernames: names(0, 21), ...(platform === undefined ? {} : { platform }) });
			const changes = await w.lookup();
			expect(changes.map((change) => change.person.username)).toEqual(['person20']);
		},
	);
});

describe("completeness honours Nyne's total_count", () => {
	it('answers listing 60 of the 90 followers Nyne says exist report no one lost', async () => {
		const w = scriptedWatch('lost');
		w.answer({ usernames: names(0, 60), totalCount: 90 });
		expect(await w.lookup()).toEqual([]);
		w.answer({ usernames: names(30, 90).slice(0, 60), totalCount: 90 });
		expect(await w.lookup()).toEqual([]);
		expect(await w.lookup()).toEqual([]);
	});

	it('a list as long as total_count is complete: someone missing from two lookups is lost', async () => {
		const w = scriptedWatch('lost');
		w.answer({ usernames: names(0, 60), totalCount: 60 });
		await w.lookup();
		w.answer({ usernames: names(1, 60), totalCount: 59 });
		const changes = [...(await w.lookup()), ...(await w.lookup())];
		expect(changes.map((change) => change.person.username)).toEqual(['person0']);
	});
});

describe('a poll ends by its deadline', () => {
	it('status reads answered 503 with a Retry-After end the poll by the deadline, saying when Nyne answers again', async () => {
		const w = scriptedWatch('new');
		w.answer({ usernames: names(0, 5) });
		await w.poll();
		w.clock.advance(60_000);
		w.failGets(() => fail(503, 'internal_error', 'maintenance', { 'retry-after': '30' }));
		const start = w.clock.now();
		const error = await rejection(w.poll(start + WATCH_POLL_ALLOWANCE_MS));
		expect(error).toMatchObject({ code: 'unavailable', httpStatus: 503 });
		expect(w.clock.now() - start).toBeLessThanOrEqual(WATCH_POLL_ALLOWANCE_MS);
	});
});
