import type { ChurnBook, Relation } from './churn';
import { intBetween, pick, rngFrom, seedOf, type Rng } from './random';
import type { SandboxPlatform } from './types';
import type { InteractionType, Target } from './validation';

const FIRST = [
	'alex',
	'maria',
	'sam',
	'noah',
	'lena',
	'omar',
	'yuki',
	'ivan',
	'zoe',
	'li',
	'ana',
	'ben',
	'chloe',
	'dev',
	'emma',
	'finn',
	'gia',
	'hugo',
	'iris',
	'jon',
];
const LAST = [
	'smith',
	'garcia',
	'kim',
	'novak',
	'okafor',
	'rossi',
	'tanaka',
	'silva',
	'berg',
	'khan',
	'lopez',
	'moreau',
	'patel',
	'quinn',
	'reyes',
	'stone',
	'weber',
	'young',
];
const ROLES = [
	'Engineer',
	'Designer',
	'Founder',
	'Writer',
	'Researcher',
	'Photographer',
	'Product manager',
	'Student',
	'Teacher',
	'Marketer',
];
const TOPICS = [
	'AI',
	'open source',
	'coffee',
	'climate',
	'startups',
	'travel',
	'music',
	'running',
	'design systems',
	'space',
];
const REPLIES = [
	'Great point!',
	'I disagree, here is why.',
	'This is huge.',
	'Thanks for sharing.',
	'Source?',
	'Been saying this for years.',
	'Love this 🙌',
	'Interesting take.',
	'Can you elaborate?',
	'Exactly right.',
];

/** Handles with fixed, larger-than-usual audiences, for tests of bounded state. */
const WELL_KNOWN: Record<string, { followers: number; following: number }> = {
	bigaccount: { followers: 25_000, following: 2_000 },
};

export interface Person {
	username: string;
	display_name: string;
	profile_url: string;
	[field: string]: unknown;
}

function profileUrl(platform: SandboxPlatform, username: string): string {
	return `https://${platform}.com/${username}`;
}

function capital(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** 6 base-36 characters, distinct for distinct ordinals under one salt (an odd multiplier is a bijection mod 2^31). */
function uniqueToken(salt: number, ordinal: number): string {
	return ((ordinal * 1_540_483_477 + salt) % 2 ** 31).toString(36).padStart(6, '0');
}

/** A person and the generator that goes on to draw their other attributes; `ordinal` keeps usernames unique in a list. */
function makePerson(
	platform: SandboxPlatform,
	seedKey: string,
	listSalt: number,
	ordinal: number,
): { person: Person; rng: Rng } {
	const rng = rngFrom(seedKey);
	const first = pick(rng, FIRST);
	const last = pick(rng, LAST);
	const token = uniqueToken(listSalt, ordinal);
	const username = `${first.slice(0, 5)}${last.slice(0, 3)}_${token}`;
	return {
		person: {
			username,
			display_name: `${capital(first)} ${capital(last)}`,
			profile_url: profileUrl(platform, username),
		},
		rng,
	};
}

function bio(rng: Rng): string {
	const first = Math.floor(rng() * TOPICS.length);
	const second = (first + 1 + Math.floor(rng() * (TOPICS.length - 1))) % TOPICS.length;
	return `${pick(rng, ROLES)}. Into ${TOPICS[first]} and ${TOPICS[second]}.`;
}

function profileEntry(
	platform: SandboxPlatform,
	seedKey: string,
	listSalt: number,
	ordinal: number,
): Person {
	const { person, rng } = makePerson(platform, seedKey, listSalt, ordinal);
	const followers = Math.floor(10 ** (1 + rng() * 4));
	return {
		...person,
		bio: bio(rng),
		followers_count: followers,
		following_count: intBetween(rng, 10, 5000),
		verified: followers > 20_000 ? rng() < 0.5 : rng() < 0.02,
	};
}

export function isNoDataTarget(target: Target): boolean {
	if (target.kind === 'post') return (target.postId ?? '').endsWith('0000');
	return (target.username ?? '').toLowerCase().startsWith('nodata');
}

export function baseCounts(
	platform: SandboxPlatform,
	username: string,
): { followers: number; following: number } {
	const known = WELL_KNOWN[username.toLowerCase()];
	if (known) return known;
	const rng = rngFrom(`${platform}|${username.toLowerCase()}|counts`);
	return { followers: intBetween(rng, 20, 3000), following: intBetween(rng, 10, 800) };
}

function listPrefix(platform: SandboxPlatform, username: string, relation: Relation): string {
	return `${platform}|${username.toLowerCase()}|${relation}`;
}

/** Base people have even ordinals, added ones odd: the two never share a username. */
function ordinalOf(key: string): number {
	const parts = key.split('|');
	const n = Number(parts[parts.length - 1]);
	return parts[parts.length - 2] === 'added' ? 2 * n + 1 : 2 * n;
}

/** Stable identities of the current list, newest first: added people, then the base list, minus removed ones. */
export function relationKeys(
	platform: SandboxPlatform,
	username: string,
	relation: Relation,
	churn: ChurnBook,
	limit: number,
): { keys: string[]; total: number } {
	const base = baseCounts(platform, username)[relation === 'follower' ? 'followers' : 'following'];
	const state = churn.get(platform, username, relation);
	const prefix = listPrefix(platform, username, relation);
	const keys: string[] = [];
	for (let k = state.added - 1; k >= 0 && keys.length < limit; k--) {
		const key = `${prefix}|added|${k}`;
		if (!state.removed.has(key)) keys.push(key);
	}
	for (let i = 0; i < base && keys.length < limit; i++) {
		const key = `${prefix}|${i}`;
		if (!state.removed.has(key)) keys.push(key);
	}
	return { keys, total: base + state.added - state.removed.size };
}

function relationList(
	platform: SandboxPlatform,
	username: string,
	relation: Relation,
	churn: ChurnBook,
	limit: number,
): Person[] {
	const salt = seedOf(listPrefix(platform, username, relation));
	return relationKeys(platform, username, relation, churn, limit).keys.map((key) =>
		profileEntry(platform, key, salt, ordinalOf(key)),
	);
}

function postTime(postId: string): number {
	if (/^\d+$/.test(postId) && postId.length >= 15) {
		const ms = Number(BigInt(postId) >> 22n) + 1288834974657;
		if (ms > Date.UTC(2010, 0, 1) && ms < Date.now()) return ms;
	}
	return Date.UTC(2025, 0, 1) + (seedOf(`post|${postId}`) % 365) * 86_400_000;
}

function replyList(postId: string, limit: number, added: number): Person[] {
	const rng = rngFrom(`twitter|post|${postId}|count`);
	const count = Math.min(limit, intBetween(rng, 5, 300) + added);
	const start = postTime(postId);
	const people: Person[] = [];
	const salt = seedOf(`twitter|post|${postId}`);
	let at = start;
	for (let i = 0; i < count; i++) {
		const { person, rng: r } = makePerson('twitter', `twitter|post|${postId}|reply|${i}`, salt, i);
		at += intBetween(r, 5, 900) * 1000;
		people.push({
			...person,
			reply_text: pick(r, REPLIES),
			reply_date: new Date(at).toISOString(),
			likes_count: Math.floor(10 ** (r() * 3.5)) - 1,
			retweets_count: Math.floor(10 ** (r() * 2.5)) - 1,
		});
	}
	return people;
}

export interface InteractionResult {
	interaction_type: string;
	source_platform: string;
	target: { username: string; display_name: string; profile_url: string; [field: string]: unknown };
	interactions: Person[];
	total_count: number;
}

function targetOf(target: Target, churn: ChurnBook): InteractionResult['target'] {
	if (target.kind === 'post') {
		const username =
			target.username ??
			makePerson(
				target.platform,
				`post-author|${target.postId}`,
				0,
				seedOf(`${target.postId}`) % 2 ** 31,
			).person.username;
		const { display_name } = makePerson(
			target.platform,
			`${target.platform}|${username.toLowerCase()}|self`,
			0,
			0,
		).person;
		return {
			username,
			display_name,
			profile_url: profileUrl(target.platform, username),
			post_id: target.postId,
		};
	}
	const username = target.username as string;
	const { display_name } = makePerson(
		target.platform,
		`${target.platform}|${username.toLowerCase()}|self`,
		0,
		0,
	).person;
	return {
		username,
		display_name,
		profile_url: profileUrl(target.platform, username),
		followers_count: relationKeys(target.platform, username, 'follower', churn, 0).total,
		following_count: relationKeys(target.platform, username, 'following', churn, 0).total,
	};
}

/** The lookup result, or undefined when the target has no data. Same input, same people, same order. */
export function buildResult(
	type: InteractionType,
	target: Target,
	maxResults: number,
	churn: ChurnBook,
): InteractionResult | undefined {
	if (isNoDataTarget(target)) return undefined;
	let interactions: Person[];
	if (type === 'replies') {
		interactions = replyList(
			target.postId as string,
			maxResults,
			churn.repliesAdded(target.postId as string),
		);
	} else {
		const username = target.username as string;
		const followers =
			type === 'following'
				? []
				: relationList(target.platform, username, 'follower', churn, maxResults);
		const following =
			type === 'followers'
				? []
				: relationList(target.platform, username, 'following', churn, maxResults);
		interactions =
			type === 'followers,following'
				? [
						...followers.map((p) => ({ ...p, relation: 'follower' })),
						...following.map((p) => ({ ...p, relation: 'following' })),
					]
				: [...followers, ...following];
	}
	return {
		interaction_type: type,
		source_platform: target.platform,
		target: targetOf(target, churn),
		interactions,
		total_count: interactions.length,
	};
}
