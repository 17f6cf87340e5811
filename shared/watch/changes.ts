import type { LookupView } from '../lookupView.js';
import type { InteractionItem, InteractionRequestBody } from '../types.js';
import { toLostPersonItem, type LostPersonItem } from './lostPerson.js';

/** One change a watch reports: who came (`added`) or left (`lost`), and when it was found (ms). */
export type WatchChange =
	| { kind: 'added'; person: InteractionItem; detectedAt: number }
	| { kind: 'lost'; person: LostPersonItem; detectedAt: number };

export function addedChange(person: InteractionItem, detectedAt: number): WatchChange {
	return { kind: 'added', person, detectedAt };
}

/** Someone who left, said from the lookup that found them missing the second time. */
export function lostChange(
	username: string,
	view: LookupView,
	body: InteractionRequestBody,
	detectedAt: number,
): WatchChange {
	return {
		kind: 'lost',
		detectedAt,
		person: toLostPersonItem(username, {
			platform: view.summary.platform ?? '',
			interactionType: view.summary.interaction_type ?? body.type,
			relation: body.type === 'following' ? 'following' : 'follower',
			targetUsername: view.summary.target?.username ?? '',
			requestId: view.summary.request_id,
		}),
	};
}
