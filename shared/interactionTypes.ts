import type { InteractionType, Platform } from './types.js';

export const INTERACTION_TYPES: readonly InteractionType[] = [
	'replies',
	'followers',
	'following',
	'followers,following',
];

/**
 * The one platform/type table, as the current API documentation has it (the older reference allowed
 * Instagram "following" only). The server's answer stays the final word.
 */
export const SUPPORTED_TYPES: Readonly<Record<Platform, readonly InteractionType[]>> = {
	twitter: ['replies', 'followers', 'following', 'followers,following'],
	instagram: ['followers', 'following', 'followers,following'],
};

/** Replies are about a post; every other type is about a profile. */
export function targetKindOf(type: InteractionType): 'post' | 'profile' {
	return type === 'replies' ? 'post' : 'profile';
}

export function normalizeInteractionType(value: string): InteractionType | undefined {
	const parts = value
		.toLowerCase()
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
	const unique = [...new Set(parts)].sort();
	const joined = unique.join(',');
	return INTERACTION_TYPES.find((type) => type === joined);
}
