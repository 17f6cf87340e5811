import type { InteractionItem, LostPersonItem, WatchChange } from '../../../shared/index.js';
import type { WatchSpec } from './watchSpec.js';

/** A change as Zapier sees it: who, from which lookup, when it was noticed; `id` is the same for the same change. */
export type NewPersonEvent = InteractionItem & { id: string; detected_at: string };
export type LostPersonEvent = LostPersonItem & { id: string; detected_at: string };
export type WatchEvent = NewPersonEvent | LostPersonEvent;

function eventId(person: { request_id: string; username: string; reply_date?: unknown }): string {
	const who = person.username.toLowerCase();
	return typeof person.reply_date === 'string'
		? `${person.request_id}:${who}:${person.reply_date}`
		: `${person.request_id}:${who}`;
}

/** The core's changes (newest first) as this trigger's items. */
export function toWatchEvents(changes: readonly WatchChange[], spec: WatchSpec): WatchEvent[] {
	const events: WatchEvent[] = changes.map((change) => ({
		...change.person,
		id: eventId(change.person),
		detected_at: new Date(change.detectedAt).toISOString(),
	}));
	// Replies come oldest first; Zapier wants the newest first.
	if (spec.type === 'replies')
		events.sort((a, b) =>
			String((b as NewPersonEvent).reply_date ?? '').localeCompare(
				String((a as NewPersonEvent).reply_date ?? ''),
			),
		);
	return events;
}
