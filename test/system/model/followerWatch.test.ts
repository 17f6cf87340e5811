// A model-based property test of the follower watch through both products' adapters: a reference model of
// a profile whose followers change over time, seen through the API's glitches, must never produce an event
// that did not happen, and every change that complete lists show must be reported exactly once, in time.
// The API is a virtual, in-process Nyne on the model's clock (thousands of histories in seconds; the real
// HTTP path is covered by the sandbox tests). NYNE_PROPERTY_RUNS=<n> runs more histories.
import '../../helpers/fuzz/seed';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { effectiveMaxResults, HOUR_MS } from '../../../shared';
import { restoreRuntime } from '../../helpers/n8nCore/runtimeOverride';
import {
	adapterRun,
	type AdapterName,
	type PollOptions,
	type Reported,
} from '../../helpers/watch/adapters';
import { ModelProfile } from '../../helpers/watch/modelProfile';
import {
	JOB_MS,
	VirtualNyne,
	type LookupGlitch,
	type ModelJob,
} from '../../helpers/watch/virtualNyne';

const RUNS = Number(process.env.NYNE_PROPERTY_RUNS ?? 1000);
const POLL_EVERY_MS = 20 * 60_000;
afterAll(() => {
	vi.restoreAllMocks();
	restoreRuntime();
});

interface Step {
	follows: number;
	unfollows: number[];
	refollow: boolean;
	glitch: LookupGlitch;
	refusePost: boolean;
	unsaved: PollOptions['unsaved'] | undefined;
	overlap: boolean;
	clockJumpMs: number;
	/** Until the next poll: mostly 20 minutes, sometimes seconds (a lookup then looks up young). */
	gapMs: number;
}

interface History {
	mode: 'new' | 'lost';
	maxResults: number | undefined;
	checkEveryHours: number;
	initial: number;
	namelessEvery: number;
	steps: Step[];
}

const glitch: fc.Arbitrary<LookupGlitch> = fc.record({
	fate: fc.constantFrom<LookupGlitch['fate']>(
		'ok',
		'ok',
		'ok',
		'ok',
		'ok',
		'ok',
		'empty',
		'null',
		'failed',
	),
	early404: fc.constantFrom(0, 0, 0, 1, 3),
	stray404: fc.constantFrom(0, 0, 0, 0, 1, 2),
});

const step: fc.Arbitrary<Step> = fc.record({
	follows: fc.constantFrom(0, 0, 1, 2, 5, 12),
	unfollows: fc.array(fc.nat(200), { maxLength: 3 }),
	refollow: fc.boolean(),
	glitch,
	refusePost: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
	unsaved: fc.constantFrom<PollOptions['unsaved'] | undefined>(
		...Array<undefined>(14).fill(undefined),
		'all',
		'after_start',
	),
	overlap: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
	clockJumpMs: fc.constantFrom(
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		2 * HOUR_MS,
		-2 * HOUR_MS,
		30 * 60_000,
	),
	gapMs: fc.constantFrom(POLL_EVERY_MS, POLL_EVERY_MS, POLL_EVERY_MS, POLL_EVERY_MS, 10_000),
});

const history: fc.Arbitrary<History> = fc.record({
	mode: fc.constantFrom<'new' | 'lost'>('new', 'lost'),
	maxResults: fc.constantFrom<number | undefined>(undefined, 5, 10, 20, 40),
	checkEveryHours: fc.constantFrom(1, 2),
	initial: fc.constantFrom(0, 3, 8, 15, 30, 60, 130),
	namelessEvery: fc.constantFrom(0, 0, 7, 25),
	steps: fc.array(step, { minLength: 6, maxLength: 30 }),
});

const quiet: Step = {
	follows: 0,
	unfollows: [],
	refollow: false,
	glitch: { fate: 'ok', early404: 0, stray404: 0 },
	refusePost: false,
	unsaved: undefined,
	overlap: false,
	clockJumpMs: 0,
	gapMs: POLL_EVERY_MS,
};

interface PollRecord {
	at: number;
	unsaved: boolean;
	jump: number;
	reported: Reported[];
}

/** Runs one history through one adapter: a poll every 20 minutes, the history's churn between polls. */
async function run(adapter: AdapterName, h: History) {
	let time = 1_800_000_000_000;
	let skew = 0;
	const profile = new ModelProfile(h.initial, h.namelessEvery, time);
	const max = effectiveMaxResults({ max_results: h.maxResults });
	const nyne = new VirtualNyne(profile, () => time, max);
	const watch = adapterRun(adapter, {
		mode: h.mode,
		maxResults: h.maxResults,
		checkEveryHours: h.checkEveryHours,
		transport: nyne.transport,
		now: () => time + skew,
	});
	const polls: PollRecord[] = [];
	const lost: string[] = [];
	// Three quiet intervals at the end, so every change has had its lookups.
	const tail = Array<Step>(Math.ceil((3 * h.checkEveryHours * HOUR_MS) / POLL_EVERY_MS) + 3).fill(
		quiet,
	);
	for (const s of [...h.steps, ...tail]) {
		for (let i = 0; i < s.follows; i++) profile.follow(time, h.namelessEvery);
		for (const index of s.unfollows) {
			const name = profile.unfollow(index, time);
			if (name) lost.push(name);
		}
		if (s.refollow && lost.length > 0) profile.refollow(lost.shift()!, time);
		skew += s.clockJumpMs;
		nyne.nextGlitch = s.glitch;
		nyne.refuseNextPost = s.refusePost;
		const reported = await watch.poll({
			...(s.unsaved ? { unsaved: s.unsaved } : {}),
			...(s.overlap && adapter === 'zapier' ? { overlap: true } : {}),
		});
		polls.push({ at: time, unsaved: s.unsaved !== undefined, jump: s.clockJumpMs, reported });
		time += s.gapMs;
	}
	return { profile, nyne, polls, max };
}

type RunResult = Awaited<ReturnType<typeof run>>;

const named = (job: ModelJob) => job.listed.filter((f) => f.name !== null).map((f) => f.name!);

/** The lookups the watch compares, in order: the documented rules of which completed lookups it accepts. */
function acceptedLookups(result: RunResult): ModelJob[] {
	const answered = result.nyne.jobs
		.filter((job) => job.answeredAt !== undefined && job.glitch.fate !== 'failed')
		.sort((a, b) => a.createdAt - b.createdAt);
	const accepted: ModelJob[] = [];
	let count: number | undefined;
	let shrink: number | undefined;
	for (const job of answered) {
		const n = job.glitch.fate === 'ok' ? named(job).length : 0;
		// An empty first lookup is no baseline.
		if (count === undefined) {
			if (n > 0) [count, shrink] = [n, undefined];
			if (n > 0) accepted.push(job);
			continue;
		}
		// Emptied, or halved at once (unless the lookup before showed the same drop): a warning, not accepted.
		const sudden =
			n === 0 || (n * 2 < count && (shrink === undefined || shrink === 0 || n * 2 < shrink));
		if (sudden) {
			shrink = n;
			continue;
		}
		[count, shrink] = [n, undefined];
		accepted.push(job);
	}
	return accepted;
}

/** Zapier drops an item whose id it has seen; n8n runs every item. */
function events(adapter: AdapterName, result: RunResult): Array<Reported & { poll: number }> {
	const seen = new Set<string>();
	const out: Array<Reported & { poll: number }> = [];
	result.polls.forEach((p, poll) => {
		for (const r of p.reported) {
			if (adapter === 'zapier') {
				if (seen.has(r.id!)) continue;
				seen.add(r.id!);
			}
			out.push({ ...r, poll });
		}
	});
	return out;
}

function check(adapter: AdapterName, h: History, result: RunResult): void {
	const { profile, nyne } = result;
	const jobs = new Map(nyne.jobs.map((job) => [job.requestId, job]));
	const accepted = acceptedLookups(result);
	const baseline = accepted[0];
	const reported = events(adapter, result);
	if (!baseline) {
		expect(reported).toEqual([]);
		return;
	}
	const t0 = baseline.createdAt;

	// Zero events that did not happen, and none twice.
	const byName = new Map<string, number>();
	for (const event of reported) {
		byName.set(event.username, (byName.get(event.username) ?? 0) + 1);
		const job = jobs.get(event.requestId);
		expect(job, `event from an unknown lookup ${event.requestId}`).toBeDefined();
		if (event.kind === 'added') {
			const followed = (profile.follows.get(event.username) ?? []).some((at) => at > t0);
			expect(followed, `${event.username} reported new but followed before the baseline`).toBe(
				true,
			);
			expect(byName.get(event.username), `${event.username} reported new twice`).toBe(1);
		} else {
			const at = job!.createdAt;
			const left = (profile.unfollows.get(event.username) ?? []).filter((t) => t > t0 && t <= at);
			expect(left.length, `${event.username} reported lost but did not leave`).toBeGreaterThan(0);
			expect(job!.snapshot.some((f) => f.name === event.username)).toBe(false);
			expect(byName.get(event.username)!).toBeLessThanOrEqual(
				(profile.unfollows.get(event.username) ?? []).filter((t) => t > t0).length,
			);
		}
	}

	// Every change complete lists show, reported by the first saved poll after the lookup that shows it.
	const deadline = (job: ModelJob) =>
		result.polls.findIndex((p) => p.at >= job.answeredAt! && !p.unsaved);
	const complete = (job: ModelJob) => job.listed.length < result.max;
	const reportedAt = (kind: Reported['kind'], username: string) =>
		reported.find((e) => e.kind === kind && e.username === username)?.poll;
	const everSeen = new Set(named(baseline));
	for (let i = 1; i < accepted.length; i++) {
		const [r, c, d] = [accepted[i - 1], accepted[i], accepted[i + 1]];
		const previous = new Set(named(r));
		if (h.mode === 'new' && complete(r)) {
			for (const name of named(c)) {
				if (previous.has(name) || everSeen.has(name)) continue;
				const at = reportedAt('added', name);
				expect(at, `new follower ${name} was never reported`).toBeDefined();
				expect(at!).toBeLessThanOrEqual(deadline(c));
			}
		}
		if (h.mode === 'lost' && d && complete(r) && complete(c) && complete(d)) {
			const inC = new Set(named(c));
			const inD = new Set(named(d));
			for (const name of previous) {
				if (inC.has(name) || inD.has(name)) continue;
				const at = reported.find(
					(e) => e.kind === 'lost' && e.username === name && e.requestId === d.requestId,
				)?.poll;
				expect(at, `${name} left and was not reported lost from the lookup after`).toBeDefined();
				expect(at!).toBeLessThanOrEqual(deadline(d));
			}
		}
		for (const name of named(c)) everSeen.add(name);
	}

	// No paid result dropped: every lookup is read to its end, but one started by a poll whose state was
	// lost, or one still running when the product's clock jumped forward (it looks over an hour old).
	const lostPolls = result.polls.filter((p) => p.unsaved).map((p) => p.at);
	const jumpedWhileRunning = (job: ModelJob) =>
		result.polls.some((p) => p.jump > 0 && p.at >= job.createdAt && p.at < job.createdAt + JOB_MS);
	for (const job of nyne.jobs.slice(0, -1))
		if (job.answeredAt === undefined && !jumpedWhileRunning(job))
			expect(lostPolls, `lookup ${job.requestId} was paid for and never read`).toContain(
				job.createdAt,
			);

	// What it costs: one lookup per Check Every (Hours), plus those a lost or refused save could not record.
	const span = result.polls[result.polls.length - 1].at - result.polls[0].at;
	const losses = h.steps.filter((s) => s.unsaved || s.refusePost || s.clockJumpMs !== 0).length;
	expect(nyne.posts).toBeLessThanOrEqual(
		Math.floor(span / (h.checkEveryHours * HOUR_MS)) + 2 + losses,
	);
}

describe.each<AdapterName>(['n8n', 'zapier'])(
	'the follower watch against a model profile (%s)',
	(adapter) => {
		it(`${RUNS} generated histories: no event that did not happen, every visible change once`, async () => {
			await fc.assert(
				fc.asyncProperty(history, async (h) => {
					check(adapter, h, await run(adapter, h));
				}),
				{ numRuns: RUNS },
			);
		}, 600_000);
	},
);
