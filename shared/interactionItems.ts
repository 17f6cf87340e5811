import { sidedPeople } from './resultPeople.js';
import type {
	InteractionItem,
	InteractionPerson,
	InteractionResult,
	LookupStatus,
	Relation,
} from './types.js';

/** Whose people these are: a lookup's own fields (a LookupStatus is one). */
export type ItemMeta = Pick<LookupStatus, 'request_id' | 'platform' | 'interaction_type'>;

function relationOf(
	person: InteractionPerson,
	type: string,
	side?: Relation,
): Relation | undefined {
	if (person.relation === 'follower' || person.relation === 'following') return person.relation;
	const tagged = typeof person.interaction_type === 'string' ? person.interaction_type : undefined;
	if (tagged === 'follower' || tagged === 'followers') return 'follower';
	if (tagged === 'following') return 'following';
	if (side) return side;
	if (type === 'followers') return 'follower';
	if (type === 'following') return 'following';
	return undefined;
}

/** One flat object per person, with where it came from beside the API's own fields; no result (`null`) has no people. */
export function toInteractionItems(
	result: InteractionResult | null | undefined,
	meta: ItemMeta,
): InteractionItem[] {
	if (!result || typeof result !== 'object') return [];
	const interactionType = meta.interaction_type || result.interaction_type || '';
	const platform = meta.platform || result.source_platform || '';
	const targetUsername = result.target?.username ?? '';
	return sidedPeople(result).map(({ person, side }) => {
		const relation = relationOf(person, interactionType, side);
		return {
			...person,
			request_id: meta.request_id,
			platform,
			interaction_type: interactionType,
			target_username: targetUsername,
			...(relation ? { relation } : {}),
		};
	});
}
