import type { Fault } from './types';

/** A person the API might send without a usable identity. */
const NAMELESS = {
	username: null,
	display_name: 'Nameless Person',
	bio: 'No handle in this record.',
};

/** A completed result as a careless upstream might send it (see the odd_result fault); anything else is left alone. */
export function oddResult<T>(result: T, fault: Fault): T | null {
	if (fault.shape === 'null_result') return null;
	if (result === null || typeof result !== 'object') return result;
	const value = result as { interactions?: unknown[]; total_count?: unknown };
	const interactions = Array.isArray(value.interactions)
		? [...value.interactions.slice(0, 1), NAMELESS, ...value.interactions.slice(1)]
		: value.interactions;
	return { ...value, interactions, total_count: String(value.total_count ?? '') } as T;
}
