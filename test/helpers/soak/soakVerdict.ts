// The verdict of a fault soak through the Nyne node (n8n-core in-process, or a real n8n): every input item
// ends with its full result or exactly one error item with a code, no lookup is submitted twice, and the
// codes stay within what the injected faults can explain.
import { expect } from 'vitest';
import type { SandboxStats } from '../../../sandbox/types';
import type { DirectPerson } from '../n8n/sandboxLookup';
import { unseenPosts } from './jobCounting';

/** Codes of a client that retried its maximum and gave up on a GET: a clear error, but it must stay rare. */
export const GAVE_UP = new Set([
	'internal_error',
	'network_error',
	'invalid_response',
	'rate_limit_exceeded',
]);

export interface SoakLookup {
	index: number;
	url: string;
	handle: string;
	max: number;
	noData: boolean;
	/** The sandbox's submissionsByTarget key. */
	key: string;
}

/** `count` Twitter lookups; lookup 7, and every `noDataEvery`-th after it, of an account the sandbox has no data for. */
export function twitterSoakLookups(
	count: number,
	options: {
		noDataEvery: number;
		handle: (index: number, noData: boolean) => string;
		/** max_results runs over 10 .. 10 + maxSpread - 1. */
		maxSpread: number;
	},
): SoakLookup[] {
	return Array.from({ length: count }, (_, index) => {
		const noData = index % options.noDataEvery === 7;
		const handle = options.handle(index, noData);
		return {
			index,
			url: `https://x.com/${handle}`,
			handle,
			max: 10 + ((index * 37) % options.maxSpread),
			noData,
			key: `twitter:${handle}`,
		};
	});
}

export interface SoakItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

/** The node's output items grouped by the input item they are paired to. */
function byInput<T extends SoakItem>(items: T[]): Map<number, T[]> {
	const groups = new Map<number, T[]>();
	for (const item of items) {
		const index = (item.pairedItem as { item?: unknown } | undefined)?.item;
		expect(typeof index, JSON.stringify(item.pairedItem)).toBe('number');
		groups.set(index as number, [...(groups.get(index as number) ?? []), item]);
	}
	return groups;
}

/** Checks every lookup's items; returns how many ended with each error code, and `completed`. */
async function checkEachLookup(
	lookups: SoakLookup[],
	groups: Map<number, SoakItem[]>,
	submissionsByTarget: Record<string, number>,
	expectedPeople: (lookup: SoakLookup) => DirectPerson[] | Promise<DirectPerson[]>,
): Promise<Record<string, number>> {
	const codes: Record<string, number> = {};
	for (const lookup of lookups) {
		const items = groups.get(lookup.index) ?? [];
		const submissions = submissionsByTarget[lookup.key] ?? 0;
		expect(submissions, lookup.key).toBeLessThanOrEqual(1);
		if (typeof items[0]?.json.error === 'string') {
			expect(items, lookup.key).toHaveLength(1);
			const { error, code } = items[0].json as { error: string; code: unknown };
			expect(typeof code, lookup.key).toBe('string');
			expect(error.length, `${lookup.key}: ${error}`).toBeGreaterThan(20);
			codes[code as string] = (codes[code as string] ?? 0) + 1;
			if (code === 'lookup_failed') expect(lookup.noData, lookup.key).toBe(true);
			else
				expect(
					['submission_unknown', 'request_not_found', ...GAVE_UP],
					`${lookup.key}: ${String(code)}: ${error}`,
				).toContain(code);
			continue;
		}
		expect(lookup.noData, `${lookup.key} has no data, yet gave people`).toBe(false);
		expect(submissions, lookup.key).toBe(1);
		codes.completed = (codes.completed ?? 0) + 1;
		const want = await expectedPeople(lookup);
		const people = items.map((item) => item.json);
		expect(
			people.map((p) => p.username),
			lookup.key,
		).toEqual(want.map((p) => p.username));
		expect(new Set(people.map((p) => p.username)).size, lookup.key).toBe(people.length);
		people.forEach((person, i) => {
			expect(person, lookup.key).toMatchObject({
				...want[i],
				relation: 'follower',
				target_username: lookup.handle,
				interaction_type: 'followers',
				platform: 'twitter',
			});
		});
	}
	return codes;
}

/** From the sandbox log: POST answers lost or torn (the client cannot know it submitted), early 404s served. */
function faultCounts(log: string[]): { postsUnseen: number; early404s: number } {
	return {
		postsUnseen: unseenPosts(log),
		early404s: log.filter(
			(line) => line.startsWith('GET /person/interactions') && line.includes('fault=early_404'),
		).length,
	};
}

/** The totals: a lost POST answer is never resent, so only those are "unknown" (and the dropped one is certain). */
function checkCodeTotals(
	codes: Record<string, number>,
	faults: { postsUnseen: number; early404s: number },
	limits: { lookups: number; gaveUpAtMost: number },
): void {
	expect(codes.submission_unknown ?? 0).toBeGreaterThanOrEqual(1);
	expect(codes.submission_unknown ?? 0).toBeLessThanOrEqual(faults.postsUnseen);
	expect(codes.request_not_found ?? 0).toBeLessThanOrEqual(faults.early404s);
	expect([...GAVE_UP].reduce((sum, code) => sum + (codes[code] ?? 0), 0)).toBeLessThanOrEqual(
		limits.gaveUpAtMost,
	);
	expect(codes.lookup_failed ?? 0).toBeGreaterThan(0);
	expect(codes.completed ?? 0).toBeGreaterThan(limits.lookups * 0.7);
}

/**
 * The verdict of one soak run from the node's output `items`: one group per input item, each checked, then the
 * code totals. Logs a summary line under `name`; returns the fault counts, for checks that the faults happened.
 */
export async function checkSoakRun(run: {
	name: string;
	lookups: SoakLookup[];
	items: SoakItem[];
	stats: SandboxStats;
	log: string[];
	expectedPeople: (lookup: SoakLookup) => DirectPerson[] | Promise<DirectPerson[]>;
	gaveUpAtMost: number;
}): Promise<{ postsUnseen: number; early404s: number }> {
	const { lookups, stats } = run;
	const groups = byInput(run.items);
	expect([...groups.keys()].sort((a, b) => a - b)).toEqual(lookups.map((lookup) => lookup.index));
	const codes = await checkEachLookup(
		lookups,
		groups,
		stats.submissionsByTarget,
		run.expectedPeople,
	);
	const faults = faultCounts(run.log);
	console.log(
		`${run.name}: ${lookups.length} lookups ->`,
		codes,
		`| sandbox: ${stats.requests} requests, ${stats.status5xx} 5xx, ${stats.status429} 429, ${stats.submissions} jobs; ${faults.postsUnseen} POST answers lost or torn, ${faults.early404s} early 404s`,
	);
	checkCodeTotals(codes, faults, { lookups: lookups.length, gaveUpAtMost: run.gaveUpAtMost });
	return faults;
}
