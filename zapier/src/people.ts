import type { InteractionItem } from '../../shared/index.js';

/** A person as Zapier sees it: the core's item plus an `id` that stays the same for the same person in the same lookup. */
export type PersonItem = InteractionItem & { id: string };

/** The core's people with ids; repeated usernames (several replies by one person) get `#2`, `#3`, ... */
export function withPersonIds(people: InteractionItem[]): PersonItem[] {
	const seen = new Map<string, number>();
	return people.map((item) => {
		const base = [item.request_id, item.relation ?? item.interaction_type, item.username].join(':');
		const count = (seen.get(base) ?? 0) + 1;
		seen.set(base, count);
		return { ...item, id: count === 1 ? base : `${base}#${count}` };
	});
}

/** Zapier passes a step's output on as the next step's input, which must stay under 6 MB. */
export const MAX_OUTPUT_BYTES = 4_000_000;

/** The first people that fit in `maxBytes` of JSON (and at most `maxPeople`), and whether any were left out. */
export function capPeople<T>(
	people: T[],
	maxBytes = MAX_OUTPUT_BYTES,
	maxPeople = Number.POSITIVE_INFINITY,
): { people: T[]; truncated: boolean } {
	let bytes = 2;
	const kept: T[] = [];
	for (const person of people) {
		const size = Buffer.byteLength(JSON.stringify(person), 'utf8') + 1;
		if (kept.length >= maxPeople || bytes + size > maxBytes)
			return { people: kept, truncated: true };
		bytes += size;
		kept.push(person);
	}
	return { people: kept, truncated: false };
}
