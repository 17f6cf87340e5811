import { NyneValidationError } from './errors.js';
import { quoteInput } from './quote.js';
import type { ParsedSocialUrl, Platform } from './types.js';

const TWITTER_HOSTS = new Set(['twitter.com', 'x.com']);
const INSTAGRAM_HOSTS = new Set(['instagram.com']);
const HOST_PREFIXES = /^(?:www\.|mobile\.|m\.)/;

const TWITTER_HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const INSTAGRAM_HANDLE = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9._]{1,30}$/;
const TWEET_ID = /^[0-9]{1,20}$/;
const INSTAGRAM_CODE = /^[A-Za-z0-9_-]{5,64}$/;

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
	'login',
	'logout',
	'signup',
	'tos',
	'privacy',
	'about',
	'intent',
	'share',
	'lists',
	'bookmarks',
	'communities',
	'jobs',
	'account',
	'download',
	'who_to_follow',
	'topics',
	'help',
	'status',
	'statuses',
	'premium',
	'verified',
	'grok',
	'jp',
	'onboarding',
	'oauth',
	'rules',
	'twitter',
	'x',
	'en',
]);
const INSTAGRAM_RESERVED = new Set([
	'explore',
	'accounts',
	'about',
	'developer',
	'legal',
	'direct',
	'stories',
	'p',
	'reel',
	'reels',
	'tv',
	'web',
	'emails',
	'challenge',
	'privacy',
	'terms',
	'api',
	'graphql',
	'session',
	'login',
	'signup',
	'directory',
	'press',
	'help',
	'settings',
	'nametag',
	'locations',
	'tags',
]);
const TWEET_TAILS = new Set([
	'photo',
	'video',
	'analytics',
	'likes',
	'retweets',
	'quotes',
	'history',
	'media_tags',
]);
const PROFILE_TAILS = new Set([
	'with_replies',
	'media',
	'likes',
	'followers',
	'following',
	'verified_followers',
	'highlights',
	'articles',
	'tagged',
	'reels',
]);
const INSTAGRAM_POST_SEGMENTS = new Set(['p', 'reel', 'reels', 'tv']);

const ACCEPTED =
	'Paste a Twitter/X or Instagram URL such as https://x.com/name, https://x.com/name/status/123 or https://instagram.com/name.';

function reject(detail: string): never {
	throw new NyneValidationError('invalid_url', `${detail} ${ACCEPTED}`, 'social_media_url');
}

function toUrl(raw: string): URL {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)
		? raw
		: `https://${raw.replace(/^\/+/, '')}`;
	try {
		return new URL(withScheme);
	} catch {
		return reject(`${quoteInput(raw)} is not a URL.`);
	}
}

function platformOf(url: URL): Platform {
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		reject(`${quoteInput(url.protocol)} links are not supported.`);
	const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(HOST_PREFIXES, '');
	if (TWITTER_HOSTS.has(host)) return 'twitter';
	if (INSTAGRAM_HOSTS.has(host)) return 'instagram';
	return reject(`${quoteInput(url.hostname)} is not Twitter/X or Instagram.`);
}

function pathSegments(url: URL): string[] {
	return url.pathname
		.split('/')
		.filter((segment) => segment.length > 0)
		.map((segment) => {
			try {
				return decodeURIComponent(segment);
			} catch {
				return segment;
			}
		});
}

function twitterPost(postId: string, username?: string): ParsedSocialUrl {
	if (!TWEET_ID.test(postId))
		reject(`${quoteInput(postId)} is not a tweet ID (it should be digits).`);
	const canonicalUrl = username
		? `https://x.com/${username}/status/${postId}`
		: `https://x.com/i/web/status/${postId}`;
	return {
		platform: 'twitter',
		kind: 'post',
		...(username ? { username } : {}),
		postId,
		canonicalUrl,
	};
}

function twitterHandle(segment: string): string {
	const handle = segment.replace(/^@/, '');
	if (TWITTER_RESERVED.has(handle.toLowerCase()))
		reject(`${quoteInput(`/${segment}`)} is a Twitter/X page, not a profile.`);
	if (!TWITTER_HANDLE.test(handle)) {
		reject(
			`${quoteInput(segment)} is not a valid Twitter/X handle (1 to 15 letters, digits or underscores).`,
		);
	}
	return handle;
}

function parseTwitter(segments: string[]): ParsedSocialUrl {
	const [first, second, third, fourth] = segments;
	if (first === undefined) reject('The link has no profile or post in it.');
	const lower = segments.map((segment) => segment.toLowerCase());
	if (
		lower[0] === 'i' &&
		lower[1] === 'web' &&
		(lower[2] === 'status' || lower[2] === 'statuses') &&
		fourth !== undefined
	) {
		return twitterPost(fourth);
	}
	if (lower[0] === 'i' && lower[1] === 'status' && third !== undefined) return twitterPost(third);
	const username = twitterHandle(first);
	if (second === undefined)
		return {
			platform: 'twitter',
			kind: 'profile',
			username,
			canonicalUrl: `https://x.com/${username}`,
		};
	if (lower[1] === 'status' || lower[1] === 'statuses') {
		if (third === undefined) reject('The post link has no tweet ID after /status/.');
		if (fourth !== undefined && !TWEET_TAILS.has(lower[3] ?? ''))
			reject(
				`${quoteInput(`/${segments.slice(3).join('/')}`)} after the tweet ID is not a known post page.`,
			);
		return twitterPost(third, username);
	}
	if (segments.length === 2 && PROFILE_TAILS.has(lower[1] ?? '')) {
		return {
			platform: 'twitter',
			kind: 'profile',
			username,
			canonicalUrl: `https://x.com/${username}`,
		};
	}
	return reject(`${quoteInput(`/${segments.join('/')}`)} is neither a profile nor a post.`);
}

function instagramPost(code: string, username?: string): ParsedSocialUrl {
	if (!INSTAGRAM_CODE.test(code)) reject(`${quoteInput(code)} is not an Instagram post code.`);
	return {
		platform: 'instagram',
		kind: 'post',
		...(username ? { username } : {}),
		postId: code,
		canonicalUrl: `https://instagram.com/p/${code}`,
	};
}

function parseInstagram(segments: string[]): ParsedSocialUrl {
	const [first, second, third] = segments;
	if (first === undefined) reject('The link has no profile or post in it.');
	const lower = segments.map((segment) => segment.toLowerCase());
	if (INSTAGRAM_POST_SEGMENTS.has(lower[0] ?? '')) {
		if (second === undefined || segments.length > 2)
			reject('The Instagram post link should look like https://instagram.com/p/CODE.');
		return instagramPost(second);
	}
	const username = first.replace(/^@/, '');
	if (INSTAGRAM_RESERVED.has(username.toLowerCase()))
		reject(`${quoteInput(`/${first}`)} is an Instagram page, not a profile.`);
	if (!INSTAGRAM_HANDLE.test(username)) {
		reject(
			`${quoteInput(first)} is not a valid Instagram username (1 to 30 letters, digits, dots or underscores).`,
		);
	}
	if (second === undefined) {
		return {
			platform: 'instagram',
			kind: 'profile',
			username,
			canonicalUrl: `https://instagram.com/${username}`,
		};
	}
	if (INSTAGRAM_POST_SEGMENTS.has(lower[1] ?? '') && third !== undefined && segments.length === 3) {
		return instagramPost(third);
	}
	if (segments.length === 2 && PROFILE_TAILS.has(lower[1] ?? '')) {
		return {
			platform: 'instagram',
			kind: 'profile',
			username,
			canonicalUrl: `https://instagram.com/${username}`,
		};
	}
	return reject(
		`${quoteInput(`/${segments.join('/')}`)} is neither an Instagram profile nor a post.`,
	);
}

/** Parses what a person pastes: any scheme-less, www./mobile./m., x.com or twitter.com form, with query, fragment or tails. */
export function parseSocialMediaUrl(input: string): ParsedSocialUrl {
	if (typeof input !== 'string' || input.trim() === '') {
		throw new NyneValidationError(
			'missing_parameters',
			`The social media URL is empty. ${ACCEPTED}`,
			'social_media_url',
		);
	}
	const raw = input.trim();
	if (/^@?[A-Za-z0-9_]+$/.test(raw)) {
		reject(
			`${quoteInput(raw)} looks like a handle, which could be on Twitter/X or Instagram: paste the profile's full URL.`,
		);
	}
	if (/\s/.test(raw)) reject(`${quoteInput(raw)} contains spaces.`);
	const url = toUrl(raw);
	if (url.username || url.password) reject('The link must not contain a user name or password.');
	const platform = platformOf(url);
	const segments = pathSegments(url);
	return platform === 'twitter' ? parseTwitter(segments) : parseInstagram(segments);
}
