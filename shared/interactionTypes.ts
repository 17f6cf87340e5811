/**
 * The one table of what can be looked up, as the current API documentation has it (the older reference
 * allowed Instagram "following" only); the server's answer stays the final word. Every list of types or
 * platforms, the request schema, the platform check and the error wording are derived from it.
 */
export const PLATFORMS = {
	twitter: { name: 'Twitter/X' },
	instagram: { name: 'Instagram' },
} as const;

export type Platform = keyof typeof PLATFORMS;

export const INTERACTION_TYPE_TABLE = {
	replies: { about: 'post', platforms: ['twitter'], label: 'Replies to a post' },
	followers: {
		about: 'profile',
		platforms: ['twitter', 'instagram'],
		label: 'Followers of an account',
	},
	following: {
		about: 'profile',
		platforms: ['twitter', 'instagram'],
		label: 'Accounts an account follows',
	},
	'followers,following': {
		about: 'profile',
		platforms: ['twitter', 'instagram'],
		label: 'Followers and following',
	},
} as const satisfies Record<
	string,
	{ about: 'post' | 'profile'; platforms: readonly Platform[]; label: string }
>;

export type InteractionType = keyof typeof INTERACTION_TYPE_TABLE;

export const INTERACTION_TYPES = Object.keys(INTERACTION_TYPE_TABLE) as [
	InteractionType,
	...InteractionType[],
];

/** The types each platform supports, in the table's order. */
export const SUPPORTED_TYPES: Readonly<Record<Platform, readonly InteractionType[]>> = {
	twitter: typesOn('twitter'),
	instagram: typesOn('instagram'),
};

function typesOn(platform: Platform): InteractionType[] {
	return INTERACTION_TYPES.filter((type) =>
		(INTERACTION_TYPE_TABLE[type].platforms as readonly Platform[]).includes(platform),
	);
}

/** Replies are about a post; every other type is about a profile. */
export function targetKindOf(type: InteractionType): 'post' | 'profile' {
	return INTERACTION_TYPE_TABLE[type].about;
}

/** "Twitter/X, Instagram": the platforms a type is offered on, by name. */
export function platformNamesOf(type: InteractionType): string {
	return INTERACTION_TYPE_TABLE[type].platforms
		.map((platform) => PLATFORMS[platform].name)
		.join(', ');
}

/** "a, b, c or d". */
export function listWithOr(values: readonly string[]): string {
	return values.length <= 1
		? values.join('')
		: `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
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
