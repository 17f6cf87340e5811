import { describe, expect, it } from 'vitest';

import { observeLookup, WATCH_STATE_VERSION } from '../../../shared';
import type { InteractionItem, WatchMode, WatchOutcome } from '../../../shared';
import { hashKey } from '../../../shared/watch/hash';

const person = (username: string, extra: Partial<InteractionItem> = {}): InteractionItem => ({
	username,
	request_id: 'interaction_test_1',
	platform: 'twitter',
	interaction_type: 'followers',
	target_username: 'acme',
	...extra,
});
const people = (from: number, count: number): InteractionItem[] =>
	Array.from({ length: count }, (_, i) => person(`user${from + i}`));

/** Feeds lookups one after another through the watch, as an adapter does, and keeps every outcome. */
function watcher(mode: WatchMode, options: { maxRemembered?: number; watch?: string } = {}) {
	let stored: unknown;
	let at = 0;
	const outcomes: WatchOutcome[] = [];
	const observe = (list: InteractionItem[] | null, complete = true): WatchOutcome => {
		const outcome = observeLookup(
			stored,
			{ platform: 'twitter', people: list, complete },
			{ watch: options.watch ?? 'w', mode, at: at++, maxRemembered: options.maxRemembered },
		);
		stored = JSON.parse(JSON.stringify(outcome.state)) as unknown;
		outcomes.push(outcome);
		return outcome;
	};
	return {
		observe,
		outcomes,
		get stored() {
			return stored;
		},
		set stored(value: unknown) {
			stored = value;
		},
	};
}

describe('followerWatch: new people', () => {
	it('takes the first lookup as a baseline, then reports each newcomer once', () => {
		const w = watcher('new');
		const first = w.observe(people(0, 50));
		expect(first).toMatchObject({ baseline: true, added: [], lost: [] });
		expect(first.reset).toBeUndefined();
		const second = w.observe([person('newbie'), ...people(0, 50)]);
		expect(second.added.map((p) => p.username)).toEqual(['newbie']);
		expect(w.observe([person('newbie'), ...people(0, 50)]).added).toEqual([]);
	});

	it('500 stable followers are never re-reported as new, whatever the churn beyond the cap', () => {
		const w = watcher('new', { maxRemembered: 1000 });
		const stable = people(0, 500);
		w.observe(stable);
		let reportedStable = 0;
		for (let round = 0; round < 20; round++) {
			const churners = people(10_000 + round * 400, 400);
			const outcome = w.observe([...churners, ...stable]);
			expect(outcome.added).toHaveLength(400);
			reportedStable += outcome.added.filter((p) => Number(p.username.slice(4)) < 500).length;
		}
		expect(reportedStable).toBe(0);
		expect((w.stored as { seen: string }).seen.length).toBe(1000 * 8);
	});

	it('a reply is a person and what they wrote: a second reply by the same person is new', () => {
		const w = watcher('new');
		w.observe([person('ann', { reply_text: 'hi', reply_date: '2025-01-01T00:00:00Z' })]);
		const outcome = w.observe([
			person('ann', { reply_text: 'again', reply_date: '2025-01-02T00:00:00Z' }),
			person('ann', { reply_text: 'hi', reply_date: '2025-01-01T00:00:00Z' }),
		]);
		expect(outcome.added.map((p) => p.reply_text)).toEqual(['again']);
	});

	it('a halved list reports nothing and warns once; newcomers in it wait for a sane list', () => {
		const w = watcher('new');
		w.observe(people(0, 50));
		const halved = w.observe([person('during_shrink'), ...people(0, 20)]);
		expect(halved.added).toEqual([]);
		expect(halved.warning?.code).toBe('suspicious_shrink');
		const back = w.observe([person('during_shrink'), ...people(0, 50)]);
		expect(back.added.map((p) => p.username)).toEqual(['during_shrink']);
		expect(back.warning).toBeUndefined();
	});
});

describe('followerWatch: lost people', () => {
	it('50 followers then an empty (or null) list: no one lost, one warning', () => {
		const w = watcher('lost');
		w.observe(people(0, 50));
		const empty = w.observe([]);
		expect(empty.lost).toEqual([]);
		expect(empty.warning?.code).toBe('suspicious_shrink');
		const none = w.observe(null);
		expect(none.lost).toEqual([]);
		expect(none.warning).toBeUndefined();
		expect(w.observe([]).lost).toEqual([]);
		expect(w.observe(people(0, 50)).lost).toEqual([]);
	});

	it('a halved list: one warning, no events, twice in a row', () => {
		const w = watcher('lost');
		w.observe(people(0, 50));
		const halved = w.observe(people(0, 20));
		expect(halved).toMatchObject({ lost: [], added: [] });
		expect(halved.warning?.code).toBe('suspicious_shrink');
		const again = w.observe(people(0, 10));
		expect(again.lost).toEqual([]);
		expect(again.warning).toBeUndefined();
	});

	it('a drop confirmed by the next lookup counts, and people still need to be missing twice', () => {
		const w = watcher('lost');
		w.observe(people(0, 50));
		expect(w.observe(people(0, 20)).lost).toEqual([]);
		expect(w.observe(people(0, 20)).lost).toEqual([]);
		expect(w.observe(people(0, 20)).lost).toHaveLength(30);
		expect(w.observe(people(0, 20)).lost).toEqual([]);
	});

	it('a person missing once is nothing; missing twice is lost, once', () => {
		const w = watcher('lost');
		w.observe(people(0, 10));
		expect(w.observe(people(1, 9)).lost).toEqual([]);
		expect(w.observe(people(1, 9)).lost).toEqual(['user0']);
		expect(w.observe(people(1, 9)).lost).toEqual([]);
	});

	it('a person missing once and back is never lost', () => {
		const w = watcher('lost');
		w.observe(people(0, 10));
		w.observe(people(1, 9));
		expect(w.observe(people(0, 10)).lost).toEqual([]);
		expect(w.observe(people(0, 10)).lost).toEqual([]);
	});

	it('a list cut off by max results reports no one lost and warns once', () => {
		const w = watcher('lost');
		w.observe(people(0, 10));
		const cut = w.observe(people(3, 7), false);
		expect(cut.lost).toEqual([]);
		expect(cut.warning?.code).toBe('list_cut_off');
		expect(w.observe(people(3, 7), false).warning).toBeUndefined();
	});
});

describe('followerWatch: stored state it cannot trust re-baselines silently', () => {
	const valid = () => {
		const w = watcher('new');
		w.observe(people(0, 5));
		return w.stored as Record<string, unknown>;
	};
	const variants: Array<[string, (state: Record<string, unknown>) => unknown]> = [
		['a number where the set belongs', (s) => ({ ...s, seen: 42 })],
		['an odd-length hash string', (s) => ({ ...s, seen: `${String(s.seen)}abc` })],
		['`last` not a list', (s) => ({ ...s, last: 'user1' })],
		['an unknown version', (s) => ({ ...s, v: WATCH_STATE_VERSION + 7 })],
		['no version (an older release)', ({ v: _v, ...s }) => s],
		['a string', () => 'garbage'],
		['a list', () => [1, 2, 3]],
		['a negative count', (s) => ({ ...s, count: -4 })],
	];
	for (const [name, corrupt] of variants) {
		it(name, () => {
			const w = watcher('new');
			w.stored = corrupt(valid());
			const outcome = w.observe(people(0, 60));
			expect(outcome).toMatchObject({ baseline: true, added: [], lost: [] });
			expect(outcome.reset).toBeTypeOf('string');
			expect(w.observe(people(0, 61)).added.map((p) => p.username)).toEqual(['user60']);
		});
	}

	it('state of another watch (profile or settings changed) is a new baseline', () => {
		const w = watcher('new', { watch: 'a' });
		w.observe(people(0, 5));
		const other = observeLookup(
			w.stored,
			{ platform: 'twitter', people: people(0, 9), complete: true },
			{ watch: 'b', mode: 'new', at: 9 },
		);
		expect(other).toMatchObject({ baseline: true, added: [] });
		expect(other.reset).toMatch(/changed/);
	});
});

describe('followerWatch: hashes', () => {
	it('are 8 base64url characters and tell close keys apart', () => {
		const hashes = new Set(Array.from({ length: 20_000 }, (_, i) => hashKey(`twitter:user${i}`)));
		expect(hashes.size).toBe(20_000);
		for (const hash of [...hashes].slice(0, 50)) expect(hash).toMatch(/^[A-Za-z0-9_-]{8}$/);
	});
});

describe('followerWatch: what a list can and cannot say', () => {
	const newestFirst = (stored: unknown, list: InteractionItem[] | null, complete: boolean) =>
		observeLookup(
			stored,
			{ platform: 'twitter', people: list, complete },
			{ watch: 'w', mode: 'new', at: 1, newestFirst: true },
		);

	it('an empty or null first lookup is no baseline; the next one that lists people is', () => {
		for (const first of [[], null]) {
			const outcome = newestFirst(undefined, first as InteractionItem[] | null, true);
			expect(outcome).toMatchObject({
				state: null,
				added: [],
				warning: { code: 'empty_baseline' },
			});
			const baseline = newestFirst(outcome.state, people(0, 37), true);
			expect(baseline).toMatchObject({ baseline: true, added: [] });
		}
	});

	it('in a cut-off list, someone unknown after a person seen before is older, not new', () => {
		const baseline = newestFirst(undefined, people(0, 10), false);
		// Two left the top of the list, so two older followers scrolled into its end; one is new at the head.
		const next = newestFirst(
			JSON.parse(JSON.stringify(baseline.state)) as unknown,
			[person('fresh'), ...people(2, 8), person('older1'), person('older2')],
			false,
		);
		expect(next.added.map((p) => p.username)).toEqual(['fresh']);
	});

	it('after a complete list, everyone unknown is new, wherever they are listed', () => {
		const baseline = newestFirst(undefined, people(0, 5), true);
		const next = newestFirst(
			JSON.parse(JSON.stringify(baseline.state)) as unknown,
			[person('user0'), person('refollowed_first'), ...people(1, 4), person('late')],
			true,
		);
		expect(next.added.map((p) => p.username)).toEqual(['refollowed_first', 'late']);
	});
});
