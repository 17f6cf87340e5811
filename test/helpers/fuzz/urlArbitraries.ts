import fc from 'fast-check';

/** Generators for what people paste into a "social media URL" field, mostly near misses of valid links. */

/** Mostly the first list (forms that should work), sometimes the second (near misses). */
const mostly = (good: string[], bad: string[]) =>
	fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...good) },
		{ weight: 1, arbitrary: fc.constantFrom(...bad) },
	);

const SCHEME = mostly(
	['', 'https://', 'http://', 'HTTPS://', 'Http://'],
	['//', 'ftp://', 'javascript:', 'https:/', 'https:///', 'mailto:', 'data:text/html,'],
);
const PREFIX = mostly(
	['', '', 'www.', 'mobile.', 'm.', 'WWW.', 'M.'],
	['api.', 'www.www.', 'mobile.m.'],
);
const HOST = mostly(
	[
		'twitter.com',
		'x.com',
		'instagram.com',
		'X.COM',
		'Twitter.com',
		'INSTAGRAM.com',
		'x.com.',
		'x.com:443',
		'x.com:8080',
		'twitter.com:80',
	],
	[
		'twitter.co',
		'twltter.com',
		'x.co',
		'xx.com',
		'notx.com',
		'instagram.co',
		'instagr.am',
		'instagram.com.evil.com',
		'x.com.evil.com',
		'evil.com',
		'evil.com#x.com',
		'evil.com?x.com',
		'user@x.com',
		'x.com@evil.com',
		'user:pw@x.com',
		'ｘ.com',
		'x。com',
		'xn--x-com',
		'tw1tter.com',
		'localhost',
		'127.0.0.1',
		'[::1]',
	],
);
const RESERVED = [
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
	'p',
	'reel',
	'reels',
	'tv',
	'stories',
	'accounts',
	'direct',
	'status',
	'Home',
	'EXPLORE',
];
const TAILS = [
	'photo',
	'1',
	'video',
	'analytics',
	'likes',
	'retweets',
	'quotes',
	'history',
	'media_tags',
	'with_replies',
	'media',
	'followers',
	'following',
	'tagged',
	'reels',
	'highlights',
];

const handleChars = fc.constantFrom(
	...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split(''),
);
const validHandle = fc.string({ unit: handleChars, minLength: 1, maxLength: 15 });
const instagramHandle = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._]{0,28}[A-Za-z0-9_]?$/);
const oddHandle = fc.oneof(
	fc.string({ unit: handleChars, minLength: 16, maxLength: 40 }),
	fc.stringMatching(/^[a-z.\-+~!$&'()*,;=:]{1,12}$/),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
	fc.constantFrom(
		'.',
		'..',
		'...',
		'_',
		'@',
		'@@x',
		'a..b',
		'.a',
		'a.',
		'a-b',
		'ÉLON',
		'elon😀',
		'элон',
		'e\u200blon',
		'e%20lon',
		'%F0%9F',
		'%zz',
		'%2e%2e',
	),
);
const handle = fc.oneof(
	{ weight: 4, arbitrary: validHandle },
	{ weight: 2, arbitrary: instagramHandle },
	{ weight: 2, arbitrary: oddHandle },
	{ weight: 1, arbitrary: fc.constantFrom(...RESERVED) },
	{
		weight: 1,
		arbitrary: validHandle.map((h) => `@${h}`),
	},
);
const digits = fc.oneof(
	fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String),
	fc.stringMatching(/^[0-9]{1,25}$/),
	fc.constantFrom(
		'0',
		'00000',
		'12345678901234567890',
		'123456789012345678901',
		'1e5',
		'-1',
		'0x1F',
		'１２３',
		'12a',
		'',
	),
);
const instagramCode = fc.oneof(
	fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
	fc.constantFrom('C0de_-x', 'abc', 'a/b', '%41bcdef'),
);

/** Percent-encodes some characters of a segment, as browsers and chat apps sometimes do. */
const percentEncoded = (segment: fc.Arbitrary<string>) =>
	fc.tuple(segment, fc.integer({ min: 0, max: 3 })).map(([text, mode]) => {
		if (mode === 0) return encodeURIComponent(text);
		if (mode === 1) return text.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
		if (mode === 2)
			return text.replace(/[A-Z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
		return text;
	});

const pathShapes: fc.Arbitrary<string[]> = fc.oneof(
	fc.tuple(handle).map((s) => [...s]),
	fc.tuple(handle, fc.constantFrom('status', 'statuses', 'Status'), digits).map((s) => [...s]),
	fc
		.tuple(
			handle,
			fc.constantFrom('status', 'statuses'),
			digits,
			fc.constantFrom(...TAILS),
			fc.constantFrom('', '1', '2', 'x'),
		)
		.map((s) => s.filter(Boolean)),
	fc
		.tuple(
			fc.constantFrom('i'),
			fc.constantFrom('web', 'Web', 'status'),
			fc.constantFrom('status', 'statuses', ''),
			digits,
		)
		.map((s) => s.filter(Boolean)),
	fc.tuple(fc.constantFrom('p', 'reel', 'reels', 'tv', 'P'), instagramCode).map((s) => [...s]),
	fc.tuple(handle, fc.constantFrom('p', 'reel', 'tv'), instagramCode).map((s) => [...s]),
	fc.tuple(handle, fc.constantFrom(...TAILS)).map((s) => [...s]),
	fc.array(fc.oneof(handle, digits, fc.constantFrom(...RESERVED, ...TAILS, '.', '..', '')), {
		minLength: 0,
		maxLength: 6,
	}),
);

const path = fc
	.tuple(pathShapes, fc.boolean(), fc.constantFrom('/', '/', '/', '//', '\\', '/./'))
	.chain(([segments, encode, separator]) =>
		(encode
			? fc.tuple(...segments.map((s) => percentEncoded(fc.constant(s))))
			: fc.constant(segments)
		).map((parts) => ({ parts, separator })),
	)
	.map(({ parts, separator }) =>
		parts.length === 0 ? '' : separator + parts.join(separator === '/./' ? '/' : separator),
	);

const SUFFIXES = [
	'',
	'',
	'/',
	'//',
	'?',
	'#',
	'?s=20',
	'?s=20&t=AbC-123',
	'?lang=en#top',
	'#frag',
	'?igshid=abc==',
	'/?utm_source=ig_web_copy_link',
	'?ref=%F0%9F%98%80',
	'#/status/1',
	'?next=/home',
	';jsessionid=1',
];
const suffix = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...SUFFIXES) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);
const WHITESPACE = [
	'',
	'',
	'',
	' ',
	'  ',
	'\t',
	'\n',
	'\r\n',
	'\u00a0',
	'\u2003',
	'\ufeff',
	'\u200b',
];
const padding = fc.constantFrom(...WHITESPACE);

/** Realistic near-miss URLs: scheme, host prefix, host or lookalike, path shape, suffix and surrounding whitespace. */
export const nearMissUrl: fc.Arbitrary<string> = fc
	.tuple(
		padding,
		SCHEME,
		PREFIX,
		HOST,
		path,
		suffix,
		padding,
		fc.nat({ max: 19 }),
		fc.constantFrom(...WHITESPACE, ' ', '%20', '\u0000', '\\'),
	)
	.map(([before, scheme, prefix, host, p, sfx, after, damage, junk]) => {
		const url = `${before}${scheme}${prefix}${host}${p}${sfx}${after}`;
		if (damage !== 0) return url;
		const at = Math.floor(url.length / 2);
		return url.slice(0, at) + junk + url.slice(at);
	});

const plausiblePath = fc.oneof(
	validHandle.map((h) => `/${h}`),
	fc
		.tuple(validHandle, fc.bigInt({ min: 1n, max: 10n ** 19n }))
		.map(([h, id]) => `/${h}/status/${id}`),
	fc.bigInt({ min: 1n, max: 10n ** 19n }).map((id) => `/i/web/status/${id}`),
	instagramHandle.map((h) => `/${h}`),
	fc.stringMatching(/^[A-Za-z0-9_-]{5,20}$/).map((code) => `/p/${code}`),
);

/** Links as people really paste them (they parse far more often than near misses do). */
export const plausibleUrl: fc.Arbitrary<string> = fc
	.tuple(
		padding,
		fc.constantFrom('', 'https://', 'http://'),
		fc.constantFrom('', 'www.', 'mobile.', 'm.'),
		fc.constantFrom('x.com', 'twitter.com', 'instagram.com'),
		plausiblePath,
		fc.constantFrom(...SUFFIXES),
	)
	.map((parts) => parts.join(''));

/** Anything at all: random text, random web URLs, and bare handles. */
export const randomInput: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 60 }),
	fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
	fc.webUrl({ withQueryParameters: true, withFragments: true }),
	handle,
);

export const anyUrlInput: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: plausibleUrl },
	{ weight: 4, arbitrary: nearMissUrl },
	{ weight: 1, arbitrary: randomInput },
);
