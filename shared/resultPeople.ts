import type { InteractionPerson, InteractionResult, Relation } from './types.js';

export interface ReadPeople {
	people: InteractionPerson[];
	/** Entries left out: no usable identity, or beyond the number read. */
	dropped: number;
}

/** A person the integration can name: an object with a non-empty `username` (a number is read as text). */
function usablePerson(value: unknown): InteractionPerson | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const person = value as Record<string, unknown>;
	const username =
		typeof person.username === 'number' && Number.isFinite(person.username)
			? String(person.username)
			: person.username;
	if (typeof username !== 'string' || username === '') return undefined;
	return { ...person, username } as InteractionPerson;
}

/** Keeps every entry with a usable identity (at most `limit` entries are looked at) and counts the rest. */
export function readPeople(values: unknown, limit = Number.POSITIVE_INFINITY): ReadPeople {
	if (!Array.isArray(values)) return { people: [], dropped: 0 };
	const looked = values.length > limit ? values.slice(0, limit) : values;
	const people: InteractionPerson[] = [];
	for (const value of looked) {
		const person = usablePerson(value);
		if (person) people.push(person);
	}
	return { people, dropped: values.length - people.length };
}

/** People listed in separate `followers` / `following` arrays (another shape a combined result may take). */
export function sidedPeople(
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
