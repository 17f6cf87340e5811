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

/** People listed in separate `followers` / `following` arrays (another shape a combined result may take). */
function sidedPeople(
	result: InteractionResult,
): Array<{ person: InteractionPerson; side?: Relation }> {
	const listed = (Array.isArray(result.interactions) ? result.interactions : [])
		.filter((person) => typeof person?.username === 'string')
		.map((person) => ({ person }));
	if (listed.length > 0) return listed;
	const sides: Array<[Relation, unknown]> = [
		['follower', result.followers],
		['following', result.following],
	];
	return sides.flatMap(([side, people]) =>
		Array.isArray(people)
			? people
					.filter((person): person is InteractionPerson => typeof person?.username === 'string')
					.map((person) => ({ person, side }))
			: [],
	);
}

/** How many people a result lists (in `interactions`, else in its `followers` / `following` lists). */
export function countPeople(result: InteractionResult): number {
	return sidedPeople(result).length;
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
