import type { InteractionPerson } from './types.js';

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
