import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { InteractionItem } from '../../shared';

export type FollowerEvent = 'newFollower' | 'lostFollower' | 'newFollowing' | 'lostFollowing';

/** Seen people are kept as 8-character hashes in one string: 10,000 of them take 80 kB of static data. */
export const MAX_SEEN = 10_000;
const HASH_WIDTH = 8;

export interface FollowerState {
	/** What is watched; a change of profile, event or max results starts over with a new baseline. */
	watch?: string;
	pending?: { requestId: string; submittedAt: number };
	baselineAt?: number;
	/** Hashes of everyone seen so far (new* events), oldest first, capped at MAX_SEEN. */
	seen?: string;
	/** Usernames of the last lookup (lost* events), at most max results of them. */
	last?: string[];
	/** Whether the last lookup listed everyone (fewer people than max results). */
	lastComplete?: boolean;
}

export function isLostEvent(event: FollowerEvent): boolean {
	return event === 'lostFollower' || event === 'lostFollowing';
}

export function hashUsername(platform: string, username: string): string {
	return createHash('sha256').update(`${platform}:${username.toLowerCase()}`).digest('base64url').slice(0, HASH_WIDTH);
}

function splitHashes(packed: string | undefined): string[] {
	const out: string[] = [];
	for (let i = 0; packed && i < packed.length; i += HASH_WIDTH) out.push(packed.slice(i, i + HASH_WIDTH));
	return out;
}

export function readState(staticData: IDataObject): FollowerState {
	return staticData as FollowerState;
}

export function resetState(staticData: IDataObject, watch: string): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	staticData.watch = watch;
}

export interface Snapshot {
	platform: string;
	people: InteractionItem[];
	complete: boolean;
}

export interface Changes {
	added: InteractionItem[];
	removed: string[];
}

/** Compares a lookup with what was stored, stores the lookup, and returns who came and who went. */
export function applySnapshot(state: FollowerState, snapshot: Snapshot, event: FollowerEvent, now: number): Changes {
	const firstCollect = state.baselineAt === undefined;
	const changes: Changes = { added: [], removed: [] };
	if (isLostEvent(event)) {
		const current = new Set(snapshot.people.map((person) => person.username.toLowerCase()));
		if (!firstCollect && state.lastComplete && snapshot.complete && state.last) {
			changes.removed = state.last.filter((username) => !current.has(username.toLowerCase()));
		}
		state.last = snapshot.people.map((person) => person.username);
		state.lastComplete = snapshot.complete;
	} else {
		const seen = splitHashes(state.seen);
		const known = new Set(seen);
		for (const person of snapshot.people) {
			const hash = hashUsername(snapshot.platform, person.username);
			if (known.has(hash)) continue;
			known.add(hash);
			seen.push(hash);
			if (!firstCollect) changes.added.push(person);
		}
		state.seen = seen.slice(Math.max(0, seen.length - MAX_SEEN)).join('');
	}
	if (firstCollect) state.baselineAt = now;
	return changes;
}
