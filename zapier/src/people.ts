import { toInteractionItems, type InteractionItem, type InteractionResult, type ItemMeta } from '../../shared/index.js';

/** A person as Zapier sees it: the core's item plus an `id` that stays the same for the same person in the same lookup. */
export type PersonItem = InteractionItem & { id: string };

type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };
type FieldType = 'string' | 'integer' | 'boolean' | 'datetime';
interface OutputField {
	key: string;
	label: string;
	type?: FieldType;
}

/** Every named field of the core's item needs a label here, so a new core field cannot go unlisted. */
const PERSON_FIELDS: Record<KnownKeys<PersonItem>, { label: string; type?: FieldType }> = {
	id: { label: 'ID' },
	username: { label: 'Username' },
	display_name: { label: 'Display Name' },
	profile_url: { label: 'Profile URL' },
	bio: { label: 'Bio' },
	followers_count: { label: 'Followers Count', type: 'integer' },
	following_count: { label: 'Following Count', type: 'integer' },
	verified: { label: 'Verified', type: 'boolean' },
	reply_text: { label: 'Reply Text' },
	reply_date: { label: 'Reply Date', type: 'datetime' },
	likes_count: { label: 'Reply Likes', type: 'integer' },
	retweets_count: { label: 'Reply Retweets', type: 'integer' },
	relation: { label: 'Relation (follower or following)' },
	request_id: { label: 'Request ID' },
	platform: { label: 'Platform' },
	interaction_type: { label: 'Interaction Type' },
	target_username: { label: 'Target Username' },
};

export function personOutputFields(prefix = ''): OutputField[] {
	return Object.entries(PERSON_FIELDS).map(([key, field]) => ({ key: `${prefix}${key}`, ...field }));
}

/** One item per person; repeated usernames (several replies by one person) get `#2`, `#3`, ... */
export function toPersonItems(result: InteractionResult, meta: ItemMeta): PersonItem[] {
	const seen = new Map<string, number>();
	return toInteractionItems(result, meta).map((item) => {
		const base = [item.request_id, item.relation ?? item.interaction_type, item.username].join(':');
		const count = (seen.get(base) ?? 0) + 1;
		seen.set(base, count);
		return { ...item, id: count === 1 ? base : `${base}#${count}` };
	});
}

/** Zapier passes a step's output on as the next step's input, which must stay under 6 MB. */
export const MAX_OUTPUT_BYTES = 4_000_000;

/** The first people that fit in `maxBytes` of JSON (and at most `maxPeople`), and whether any were left out. */
export function capPeople<T>(people: T[], maxBytes = MAX_OUTPUT_BYTES, maxPeople = Number.POSITIVE_INFINITY): { people: T[]; truncated: boolean } {
	let bytes = 2;
	const kept: T[] = [];
	for (const person of people) {
		const size = Buffer.byteLength(JSON.stringify(person), 'utf8') + 1;
		if (kept.length >= maxPeople || bytes + size > maxBytes) return { people: kept, truncated: true };
		bytes += size;
		kept.push(person);
	}
	return { people: kept, truncated: false };
}
