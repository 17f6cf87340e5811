import { fail, type ApiAnswer } from './envelope';
import type { ApiEdition, SandboxPlatform } from './types';

export type InteractionType = 'replies' | 'followers' | 'following' | 'followers,following';
export const INTERACTION_TYPES: readonly InteractionType[] = [
	'replies',
	'followers',
	'following',
	'followers,following',
];
type UrlKind = 'profile' | 'post';

type PlatformTypes = Record<SandboxPlatform, Partial<Record<InteractionType, UrlKind>>>;

const TWITTER_TYPES: PlatformTypes['twitter'] = {
	replies: 'post',
	followers: 'profile',
	following: 'profile',
	'followers,following': 'profile',
};

/** The platform/type matrix, in one place per edition: which types each platform serves, and the URL kind each needs. */
export const PLATFORM_TYPES: Record<ApiEdition, PlatformTypes> = {
	current: {
		twitter: TWITTER_TYPES,
		instagram: { followers: 'profile', following: 'profile', 'followers,following': 'profile' },
	},
	reference: { twitter: TWITTER_TYPES, instagram: { following: 'profile' } },
};

export const MIN_RESULTS = 10;
export const MAX_RESULTS = 1000;
export const DEFAULT_RESULTS = 100;

const HOSTS: Record<string, SandboxPlatform> = {
	'twitter.com': 'twitter',
	'x.com': 'twitter',
	'instagram.com': 'instagram',
};
const TWITTER_RESERVED = new Set([
	'home',
	'explore',
	'search',
	'settings',
	'i',
	'hashtag',
	'notifications',
	'messages',
	'compose',
	'intent',
	'share',
	'login',
	'signup',
	'tos',
	'privacy',
]);
const INSTAGRAM_RESERVED = new Set([
	'p',
	'reel',
	'reels',
	'tv',
	'explore',
	'stories',
	'accounts',
	'direct',
]);

export interface Target {
	platform: SandboxPlatform;
	kind: UrlKind;
	username?: string;
	postId?: string;
}

export interface Submission {
	type: InteractionType;
	socialMediaUrl: string;
	target: Target;
	maxResults: number;
	callbackUrl?: string;
}

const UNSUPPORTED = 'Unsupported social media platform. Supported platforms: Twitter/X, Instagram.';

export function parseTarget(raw: string): Target | string {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return `social_media_url is not a valid URL: it must start with https:// and point to a Twitter/X or Instagram profile or post.`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return UNSUPPORTED;
	const host = url.hostname.toLowerCase().replace(/^(www|mobile|m)\./, '');
	const platform = HOSTS[host];
	if (!platform) return UNSUPPORTED;
	const parts = url.pathname.split('/').filter(Boolean);
	return platform === 'twitter' ? parseTwitterPath(parts) : parseInstagramPath(parts);
}

function parseTwitterPath(parts: string[]): Target | string {
	if (
		parts[0] === 'i' &&
		(parts[1] === 'web'
			? parts[2] === 'status' && /^\d+$/.test(parts[3] ?? '')
			: parts[1] === 'status' && /^\d+$/.test(parts[2] ?? ''))
	) {
		return { platform: 'twitter', kind: 'post', postId: parts[1] === 'web' ? parts[3] : parts[2] };
	}
	const handle = parts[0] ?? '';
	if (!/^[A-Za-z0-9_]{1,15}$/.test(handle) || TWITTER_RESERVED.has(handle.toLowerCase())) {
		return 'social_media_url does not name a Twitter/X account: expected https://twitter.com/<username> or https://twitter.com/<username>/status/<id>.';
	}
	if (parts.length === 1) return { platform: 'twitter', kind: 'profile', username: handle };
	if ((parts[1] === 'status' || parts[1] === 'statuses') && /^\d+$/.test(parts[2] ?? '')) {
		return { platform: 'twitter', kind: 'post', username: handle, postId: parts[2] };
	}
	return 'social_media_url is neither a Twitter/X profile nor a post: expected https://twitter.com/<username> or https://twitter.com/<username>/status/<id>.';
}

function parseInstagramPath(parts: string[]): Target | string {
	if ((parts[0] === 'p' || parts[0] === 'reel') && /^[A-Za-z0-9_-]+$/.test(parts[1] ?? '')) {
		return { platform: 'instagram', kind: 'post', postId: parts[1] };
	}
	const handle = parts[0] ?? '';
	if (
		parts.length !== 1 ||
		!/^[A-Za-z0-9._]{1,30}$/.test(handle) ||
		INSTAGRAM_RESERVED.has(handle.toLowerCase())
	) {
		return 'social_media_url does not name an Instagram account: expected https://instagram.com/<username>.';
	}
	return { platform: 'instagram', kind: 'profile', username: handle };
}

function typeMessage(edition: ApiEdition): string {
	const instagram =
		edition === 'reference'
			? 'Instagram only supports "following"'
			: 'Instagram supports "followers", "following" and "followers,following"';
	return `Unsupported interaction type. Valid types: ${INTERACTION_TYPES.join(', ')} (${instagram}).`;
}

function clampResults(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n)) return DEFAULT_RESULTS;
	return Math.min(MAX_RESULTS, Math.max(MIN_RESULTS, Math.floor(n)));
}

function validCallbackUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

export function validateSubmission(
	body: Record<string, unknown>,
	edition: ApiEdition = 'current',
): Submission | ApiAnswer {
	const type = body.type ?? body.interaction_type;
	const socialMediaUrl = body.social_media_url ?? body.twitter_url;
	const missing = [
		type === undefined || type === '' ? 'type' : '',
		socialMediaUrl === undefined || socialMediaUrl === '' ? 'social_media_url' : '',
	].filter(Boolean);
	if (missing.length > 0)
		return fail(400, 'missing_parameters', `Missing required parameters: ${missing.join(', ')}.`);
	if (typeof type !== 'string' || !(INTERACTION_TYPES as readonly string[]).includes(type)) {
		return fail(400, 'invalid_interaction_type', typeMessage(edition));
	}
	if (typeof socialMediaUrl !== 'string')
		return fail(400, 'invalid_url', 'social_media_url must be a string URL.');
	const target = parseTarget(socialMediaUrl);
	if (typeof target === 'string') return fail(400, 'invalid_url', target);
	const matrix = PLATFORM_TYPES[edition][target.platform];
	const neededKind = matrix[type as InteractionType];
	if (!neededKind) {
		const served = Object.keys(matrix).join(', ');
		return fail(
			400,
			'invalid_interaction_type',
			`${typeMessage(edition)} ${target.platform} supports: ${served}.`,
		);
	}
	if (neededKind !== target.kind) {
		const message =
			neededKind === 'post'
				? `"${type}" needs a post URL such as https://twitter.com/<username>/status/<id>, not a profile URL.`
				: `"${type}" needs a profile URL such as https://${target.platform}.com/<username>, not a post URL.`;
		return fail(400, 'invalid_url', message);
	}
	const callback = body.callback_url;
	if (
		callback !== undefined &&
		callback !== null &&
		callback !== '' &&
		!validCallbackUrl(callback)
	) {
		return fail(400, 'invalid_callback_url', 'callback_url is not a valid HTTP/HTTPS URL.');
	}
	return {
		type: type as InteractionType,
		socialMediaUrl,
		target,
		maxResults: clampResults(body.max_results),
		callbackUrl: typeof callback === 'string' && callback !== '' ? callback : undefined,
	};
}

export function isSubmission(value: Submission | ApiAnswer): value is Submission {
	return 'target' in value;
}
