import {
	toLostPersonItem,
	type CompletedLookup,
	type InteractionItem,
	type LostPersonItem,
} from '../../../shared/index.js';
import { PERSON_OUTPUT_FIELDS, SAMPLE_REQUEST_ID, SAMPLE_RESULT } from '../samples.js';
import type { WatchSpec } from './watchSpec.js';

/** A change as Zapier sees it: who, from which lookup, when it was noticed; `id` is the same for the same change. */
export type NewPersonEvent = InteractionItem & { id: string; detected_at: string };
export type LostPersonEvent = LostPersonItem & { id: string; detected_at: string };
export type WatchEvent = NewPersonEvent | LostPersonEvent;

function eventId(requestId: string, person: { username: string; reply_date?: unknown }): string {
	const who = person.username.toLowerCase();
	return typeof person.reply_date === 'string'
		? `${requestId}:${who}:${person.reply_date}`
		: `${requestId}:${who}`;
}

export function newPersonEvents(
	people: InteractionItem[],
	detectedAt: string,
	spec: WatchSpec,
): NewPersonEvent[] {
	const events = people.map((person) => ({
		...person,
		id: eventId(person.request_id, person),
		detected_at: detectedAt,
	}));
	// Replies come oldest first; Zapier wants the newest first.
	if (spec.type === 'replies')
		events.sort((a, b) => String(b.reply_date ?? '').localeCompare(String(a.reply_date ?? '')));
	return events;
}

export function lostPersonEvents(
	usernames: string[],
	lookup: CompletedLookup,
	detectedAt: string,
): LostPersonEvent[] {
	return usernames.map((username) => {
		const item = toLostPersonItem(username, {
			platform: lookup.platform ?? lookup.result.source_platform,
			interactionType: lookup.interactionType ?? lookup.result.interaction_type,
			relation: 'follower',
			targetUsername: lookup.result.target.username,
			requestId: lookup.requestId,
		});
		return { ...item, id: eventId(lookup.requestId, item), detected_at: detectedAt };
	});
}

const SAMPLE_DETECTED_AT = '2025-01-15T10:31:00Z';
const SAMPLE_LOOKUP: CompletedLookup = {
	status: 'completed',
	requestId: SAMPLE_REQUEST_ID,
	platform: 'twitter',
	interactionType: 'followers',
	result: SAMPLE_RESULT,
	resultCount: 1,
};
const SAMPLE_REPLY: InteractionItem = {
	username: 'jane_sample',
	display_name: 'Jane Sample',
	profile_url: 'https://twitter.com/jane_sample',
	reply_text: 'Congrats on the launch!',
	reply_date: '2025-01-15T10:29:12Z',
	likes_count: 4,
	retweets_count: 1,
	request_id: SAMPLE_REQUEST_ID,
	platform: 'twitter',
	interaction_type: 'replies',
	target_username: 'nyne_ai',
};

/** The static sample of each trigger, built by the same functions as real items. */
export function sampleEvent(spec: WatchSpec): WatchEvent {
	if (spec.mode === 'lost')
		return lostPersonEvents(['jane_sample'], SAMPLE_LOOKUP, SAMPLE_DETECTED_AT)[0];
	if (spec.type === 'replies') return newPersonEvents([SAMPLE_REPLY], SAMPLE_DETECTED_AT, spec)[0];
	const relation = spec.type === 'following' ? 'following' : 'follower';
	const person: InteractionItem = {
		...(SAMPLE_RESULT.interactions[0] as InteractionItem),
		request_id: SAMPLE_REQUEST_ID,
		platform: 'twitter',
		interaction_type: spec.type,
		target_username: 'nyne_ai',
		relation,
	};
	return newPersonEvents([person], SAMPLE_DETECTED_AT, spec)[0];
}

const DETECTED_AT_FIELD = { key: 'detected_at', label: 'Detected At', type: 'datetime' as const };

export function watchOutputFields(spec: WatchSpec) {
	if (spec.mode === 'new') return [...PERSON_OUTPUT_FIELDS, DETECTED_AT_FIELD];
	return [
		{ key: 'id', label: 'ID' },
		{ key: 'username', label: 'Username' },
		{ key: 'profile_url', label: 'Profile URL' },
		{ key: 'platform', label: 'Platform' },
		{ key: 'interaction_type', label: 'Interaction Type' },
		{ key: 'relation', label: 'Relation (follower or following)' },
		{ key: 'target_username', label: 'Target Username' },
		{ key: 'request_id', label: 'Request ID' },
		DETECTED_AT_FIELD,
	];
}
