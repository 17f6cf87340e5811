import {
	toLostPersonItem,
	type CompletedLookup,
	type InteractionItem,
	type LostPersonItem,
} from '../../../shared/index.js';
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
