import type { InteractionItem } from '../types.js';
import { hashKey, unpackHashes } from './hash.js';
import {
	MAX_REMEMBERED,
	readWatchState,
	WATCH_STATE_VERSION,
	type WatchState,
} from './watchState.js';

/** `new`: people who appear (followers, following, replies). `lost`: people who disappear (unfollows). */
export type WatchMode = 'new' | 'lost';

export interface WatchOptions {
	/** What is watched, as the adapter spells it; state stored for another value is set aside. */
	watch: string;
	mode: WatchMode;
	/** When the lookup was collected (ms), stored as the baseline time. */
	at: number;
	/** How many people a `new` watch remembers; at least a full lookup's worth. */
	maxRemembered?: number;
	/**
	 * The list is newest first (followers, following): someone unknown listed after a person seen before
	 * followed before that person did, so in a cut-off list they are older people scrolling into view.
	 */
	newestFirst?: boolean;
	/** Hash of a 0.1.0 remembered entry (see legacySeen in the state), when the state came from 0.1.0. */
	legacyHash?: (text: string) => string;
}

export interface WatchLookup {
	platform: string;
	/** The lookup's people; null or missing counts as an empty list. */
	people: readonly InteractionItem[] | null | undefined;
	/** True when the list has everyone: Nyne listed fewer entries than the effective Max Results (see completeness.ts). */
	complete: boolean;
}

export interface WatchWarning {
	code: 'suspicious_shrink' | 'list_cut_off' | 'empty_baseline' | 'window_moved';
	message: string;
}

export interface WatchOutcome {
	/** Store this for the next lookup; null while no lookup has listed anyone (no trusted baseline yet). */
	state: WatchState | null;
	/** This lookup only recorded who is there (first lookup, or the stored state was set aside). */
	baseline: boolean;
	/** `new` watches: people seen for the first time, in the lookup's order. */
	added: InteractionItem[];
	/** `lost` watches: usernames missing from two lookups in a row. */
	lost: string[];
	/** Reported once per condition; no events come with it. */
	warning?: WatchWarning;
	/** Why the stored state was set aside and a new baseline taken, for a log line. */
	reset?: string;
}

/** Who a person is across lookups: a reply is a person and what they wrote when. */
export function personKey(platform: string, person: InteractionItem): string {
	const user = `${platform.toLowerCase()}:${person.username.toLowerCase()}`;
	if (person.reply_date === undefined && person.reply_text === undefined) return user;
	return `${user}:reply:${person.reply_date ?? ''}:${person.reply_text ?? ''}`;
}

/**
 * Compares a completed lookup with the stored state and returns the new state and what changed.
 * Pure: storage, time and logging belong to the caller. Rules: the first lookup is a baseline; a
 * list that is empty or shrinks by more than half at once is reported once as a warning and changes
 * nothing until the next lookup confirms it (an empty list never does); a person is lost only when
 * missing from two complete lookups in a row; the remembered set drops the least recently seen first.
 */
export function observeLookup(
	stored: unknown,
	lookup: WatchLookup,
	options: WatchOptions,
): WatchOutcome {
	const people = lookup.people ?? [];
	const reading = readWatchState(stored, options.watch);
	if (!reading.state) {
		const reset = reading.problem ? { reset: reading.problem } : {};
		if (people.length === 0)
			return {
				state: null,
				baseline: true,
				added: [],
				lost: [],
				...reset,
				warning: {
					code: 'empty_baseline',
					message:
						'The first lookup listed nobody, so it is not taken as the baseline (an empty answer ' +
						'is more often a glitch than a profile without followers); the next lookup that lists ' +
						'people is.',
				},
			};
		return { ...accept(baselineOf(options), people, lookup, options, true), ...reset };
	}
	const state = reading.state;
	if (isSuspicious(state, people.length)) {
		const warning: WatchWarning = {
			code: 'suspicious_shrink',
			message:
				`The lookup listed ${people.length} people where the one before ` +
				`listed ${state.count}. A drop of more than half at once looks like an incomplete ` +
				`answer, so nothing is reported until the next lookup confirms it.`,
		};
		const next: WatchState = { ...state, shrink: people.length, warned: 'suspicious_shrink' };
		return {
			state: next,
			baseline: false,
			added: [],
			lost: [],
			...(state.warned === 'suspicious_shrink' ? {} : { warning }),
		};
	}
	return accept(state, people, lookup, options, false);
}

function baselineOf(options: WatchOptions): WatchState {
	return {
		v: WATCH_STATE_VERSION,
		watch: options.watch,
		baselineAt: options.at,
		count: 0,
		seen: '',
		last: [],
		lastComplete: false,
		absent: [],
		shrink: null,
		warned: null,
	};
}

/** Empty after a non-empty list, or less than half of it, unless the previous lookup already showed the same drop. */
function isSuspicious(state: WatchState, count: number): boolean {
	if (state.count === 0) return false;
	if (count === 0) return true;
	if (count * 2 >= state.count) return false;
	return state.shrink === null || state.shrink === 0 || count * 2 < state.shrink;
}

function accept(
	state: WatchState,
	people: readonly InteractionItem[],
	lookup: WatchLookup,
	options: WatchOptions,
	baseline: boolean,
): WatchOutcome {
	const base = { ...state, count: people.length, shrink: null, warned: null };
	if (options.mode === 'new') {
		const { seen, added, firstKnown } = rememberPeople(state, people, lookup.platform, options);
		const next: WatchState = { ...base, seen, lastComplete: lookup.complete };
		delete next.legacySeen;
		if (baseline) return { state: next, baseline, added: [], lost: [] };
		// After a complete list everyone unknown is new; after a cut-off one only those listed before
		// the first person seen before (the rest may be older people scrolling into view).
		if (state.lastComplete || !options.newestFirst)
			return { state: next, baseline, added, lost: [] };
		if (firstKnown === people.length) {
			return {
				state: next,
				baseline,
				added: [],
				lost: [],
				warning: {
					code: 'window_moved',
					message:
						`None of the ${people.length} people listed was seen before and the list before was ` +
						`cut off by Max Results, so new people cannot be told apart from older ones; they are ` +
						`remembered without events. Raise Max Results above the profile's count.`,
				},
			};
		}
		const before = new Set(people.slice(0, firstKnown));
		return { state: next, baseline, added: added.filter((person) => before.has(person)), lost: [] };
	}
	const usernames = uniqueUsernames(people);
	if (!lookup.complete) {
		const warning: WatchWarning = {
			code: 'list_cut_off',
			message:
				`The profile has at least ${people.length} people, more than Max Results, so people ` +
				`who left cannot be told apart from the list's cut-off; raise Max Results to see them.`,
		};
		const next: WatchState = {
			...base,
			last: usernames,
			lastComplete: false,
			absent: [],
			warned: 'list_cut_off',
		};
		return {
			state: next,
			baseline,
			added: [],
			lost: [],
			...(state.warned === 'list_cut_off' ? {} : { warning }),
		};
	}
	const present = new Set(usernames.map((name) => name.toLowerCase()));
	const comparable = !baseline && state.lastComplete;
	const lost = comparable ? state.absent.filter((name) => !present.has(name.toLowerCase())) : [];
	const absent = comparable ? state.last.filter((name) => !present.has(name.toLowerCase())) : [];
	return {
		state: { ...base, last: usernames, lastComplete: true, absent },
		baseline,
		added: [],
		lost,
	};
}

/**
 * Moves everyone in the lookup to the recent end of the remembered set, and returns who was not in it
 * and where the first person already remembered is listed (the list's length when nobody is).
 */
function rememberPeople(
	state: WatchState,
	people: readonly InteractionItem[],
	platform: string,
	options: WatchOptions,
): { seen: string; added: InteractionItem[]; firstKnown: number } {
	const remembered = unpackHashes(state.seen);
	const known = new Set(remembered);
	const legacy =
		state.legacySeen && options.legacyHash ? new Set(unpackHashes(state.legacySeen)) : undefined;
	const isKnown = (hash: string, person: InteractionItem): boolean =>
		known.has(hash) ||
		(legacy !== undefined &&
			legacy.has(options.legacyHash!(`${platform}:${person.username.toLowerCase()}`)));
	const current = new Set<string>();
	const added: InteractionItem[] = [];
	let firstKnown = people.length;
	people.forEach((person, index) => {
		const hash = hashKey(personKey(platform, person));
		if (current.has(hash)) return;
		current.add(hash);
		if (!isKnown(hash, person)) added.push(person);
		else if (firstKnown === people.length) firstKnown = index;
	});
	const ordered = [...remembered.filter((hash) => !current.has(hash)), ...current];
	const maxRemembered = options.maxRemembered ?? MAX_REMEMBERED;
	return {
		seen: ordered.slice(Math.max(0, ordered.length - maxRemembered)).join(''),
		added,
		firstKnown,
	};
}

function uniqueUsernames(people: readonly InteractionItem[]): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const person of people) {
		const lower = person.username.toLowerCase();
		if (seen.has(lower)) continue;
		seen.add(lower);
		out.push(person.username);
	}
	return out;
}
