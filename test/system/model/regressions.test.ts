// The reproductions of the follower watch's bugs, each through both products' adapters (n8n's poll,
// Zapier's perform) on the in-process Nyne of the model test: each failed before the poll cycle moved
// into the core, and passes now.
import { createHash } from 'node:crypto';

import { afterAll, describe, expect, it, vi } from 'vitest';

import { buildInteractionRequest, HOUR_MS } from '../../../shared';
import { restoreRuntime } from '../../helpers/n8nCore/runtimeOverride';
import {
	adapterRun,
	type AdapterName,
	type Reported,
	type WatchSettings,
} from '../../helpers/watch/adapters';
import { ModelProfile } from '../../helpers/watch/modelProfile';
import { JOB_MS, VirtualNyne, type LookupGlitch } from '../../helpers/watch/virtualNyne';

const START = 1_800_000_000_000;
afterAll(() => {
	vi.restoreAllMocks();
	restoreRuntime();
});

/** A profile, a Nyne that shows it, and one watch; `poll` runs one poll, `later` lets time pass. */
function scene(
	adapter: AdapterName,
	options: {
		mode: 'new' | 'lost';
		followers: number;
		maxResults: number | undefined;
		listed?: number;
	} & Partial<Pick<WatchSettings, 'staticData'>>,
) {
	let time = START;
	const profile = new ModelProfile(options.followers, 0, time);
	const nyne = new VirtualNyne(profile, () => time, options.listed ?? options.maxResults ?? 100);
	const watch = adapterRun(adapter, {
		mode: options.mode,
		maxResults: options.maxResults,
		checkEveryHours: 1,
		transport: nyne.transport,
		now: () => time,
		...(options.staticData ? { staticData: options.staticData } : {}),
	});
	const events: Reported[] = [];
	return {
		profile,
		nyne,
		events,
		now: () => time,
		later: (ms: number) => {
			time += ms;
		},
		/** A poll after the job had time to finish; the next lookup may start (an hour has passed). */
		poll: async (glitch: Partial<LookupGlitch> = {}) => {
			nyne.nextGlitch = { fate: 'ok', early404: 0, stray404: 0, ...glitch };
			events.push(...(await watch.poll()));
			time += HOUR_MS;
		},
	};
}

describe.each<AdapterName>(['n8n', 'zapier'])('the reproductions, through %s', (adapter) => {
	it('a nameless entry in a list cut off by Max Results invents no lost followers', async () => {
		const s = scene(adapter, { mode: 'lost', followers: 300, maxResults: 100 });
		s.profile.followNameless(s.now());
		for (let i = 0; i < 6; i++) {
			await s.poll();
			for (let n = 0; n < 10; n++) s.profile.follow(s.now());
		}
		expect(s.nyne.jobs.every((job) => job.listed.some((f) => f.name === null))).toBe(true);
		expect(s.events).toEqual([]);
	});

	it('Max Results left empty (Nyne sends its default 100) invents no lost followers', async () => {
		const s = scene(adapter, { mode: 'lost', followers: 300, maxResults: undefined });
		for (let i = 0; i < 6; i++) {
			await s.poll();
			for (let n = 0; n < 10; n++) s.profile.follow(s.now());
		}
		expect(s.nyne.jobs.every((job) => job.listed.length === 100)).toBe(true);
		expect(s.events).toEqual([]);
	});

	it.each<LookupGlitch['fate']>(['empty', 'null'])(
		'a first lookup that comes back %s is no baseline: nobody is reported new',
		async (fate) => {
			const s = scene(adapter, { mode: 'new', followers: 37, maxResults: 100 });
			await s.poll({ fate });
			await s.poll();
			await s.poll();
			expect(s.events).toEqual([]);
			s.profile.follow(s.now());
			await s.poll();
			await s.poll();
			expect(s.events.map((e) => e.username)).toEqual(['user37']);
		},
	);

	it('one stray 404 on the pending lookup keeps it: its changes come from it, no extra lookup', async () => {
		const s = scene(adapter, { mode: 'new', followers: 20, maxResults: 100 });
		await s.poll();
		for (let n = 0; n < 3; n++) s.profile.follow(s.now());
		await s.poll();
		expect(s.nyne.posts).toBe(2);
		const second = s.nyne.jobs[1];
		second.stray404Left = 1;
		// Read once (a stray 404, long after it was started): no new lookup, and it is read again.
		await s.poll();
		expect(s.nyne.posts).toBe(2);
		await s.poll();
		expect(second.answeredAt).toBeDefined();
		expect(s.events.map((e) => [e.username, e.requestId])).toEqual([
			['user22', second.requestId],
			['user21', second.requestId],
			['user20', second.requestId],
		]);
	});
});

describe('a workflow saved with 0.1.0', () => {
	it('keeps its pending lookup: its changes are reported from it, and no lookup is started', async () => {
		let time = START;
		const profile = new ModelProfile(40, 0, time);
		const body = buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: 'https://x.com/acme',
			maxResults: 100,
		});
		const hash = (username: string) =>
			createHash('sha256').update(`twitter:${username}`).digest('base64url').slice(0, 8);
		const seen = profile
			.snapshot()
			.map((f) => hash(f.name!))
			.join('');
		for (let n = 0; n < 2; n++) profile.follow(time);
		const nyne = new VirtualNyne(profile, () => time, 100);
		// The lookup 0.1.0 started at its last poll, before the upgrade.
		await nyne.transport({
			method: 'POST',
			url: 'http://127.0.0.1:9/person/interactions',
			headers: {},
			body,
		});
		const pending = nyne.jobs[0];
		time += JOB_MS + 60_000;
		const watch = adapterRun('n8n', {
			mode: 'new',
			maxResults: 100,
			checkEveryHours: 1,
			transport: nyne.transport,
			now: () => time,
			staticData: {
				watch: JSON.stringify(['newFollower', body.social_media_url, 100]),
				pending: { requestId: pending.requestId, submittedAt: pending.createdAt },
				baselineAt: START - HOUR_MS,
				seen,
			},
		});
		const events = await watch.poll();
		expect(events.map((e) => [e.username, e.requestId])).toEqual([
			['user41', pending.requestId],
			['user40', pending.requestId],
		]);
		expect(nyne.posts).toBe(1);
	});
});
