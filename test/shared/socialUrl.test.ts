import { describe, expect, it } from 'vitest';

import { NyneValidationError, parseSocialMediaUrl } from '../../shared';

describe('parseSocialMediaUrl accepts what people paste', () => {
	it.each([
		[
			'https://twitter.com/elonmusk',
			{
				platform: 'twitter',
				kind: 'profile',
				username: 'elonmusk',
				canonicalUrl: 'https://x.com/elonmusk',
			},
		],
		['x.com/elonmusk', { kind: 'profile', username: 'elonmusk' }],
		['www.x.com/elonmusk/', { kind: 'profile', username: 'elonmusk' }],
		['http://mobile.twitter.com/elonmusk?lang=en#top', { kind: 'profile', username: 'elonmusk' }],
		['https://m.twitter.com/Jack_Dorsey', { kind: 'profile', username: 'Jack_Dorsey' }],
		['https://x.com/@elonmusk', { kind: 'profile', username: 'elonmusk' }],
		['https://x.com/elonmusk/followers', { kind: 'profile', username: 'elonmusk' }],
		['  https://x.com/elonmusk  ', { kind: 'profile', username: 'elonmusk' }],
		['HTTPS://X.COM/elonmusk', { kind: 'profile', username: 'elonmusk' }],
		[
			'https://x.com/elonmusk/status/1234567890',
			{
				kind: 'post',
				username: 'elonmusk',
				postId: '1234567890',
				canonicalUrl: 'https://x.com/elonmusk/status/1234567890',
			},
		],
		['twitter.com/elonmusk/status/1234567890/photo/1', { kind: 'post', postId: '1234567890' }],
		['https://x.com/elonmusk/status/1234567890?s=20&t=abc', { kind: 'post', postId: '1234567890' }],
		['https://x.com/elonmusk/statuses/1234567890/', { kind: 'post', postId: '1234567890' }],
		[
			'https://twitter.com/i/web/status/1234567890',
			{ kind: 'post', postId: '1234567890', canonicalUrl: 'https://x.com/i/web/status/1234567890' },
		],
		['https://x.com/i/status/99', { kind: 'post', postId: '99' }],
		[
			'https://instagram.com/instagram',
			{
				platform: 'instagram',
				kind: 'profile',
				username: 'instagram',
				canonicalUrl: 'https://instagram.com/instagram',
			},
		],
		[
			'www.instagram.com/nat.geo_/?hl=en',
			{ platform: 'instagram', kind: 'profile', username: 'nat.geo_' },
		],
		[
			'https://www.instagram.com/p/C3xYz_12-ab/',
			{
				platform: 'instagram',
				kind: 'post',
				postId: 'C3xYz_12-ab',
				canonicalUrl: 'https://instagram.com/p/C3xYz_12-ab',
			},
		],
		[
			'https://instagram.com/reel/C3xYz_12ab',
			{ platform: 'instagram', kind: 'post', postId: 'C3xYz_12ab' },
		],
		[
			'https://instagram.com/someone/p/C3xYz_12ab',
			{ platform: 'instagram', kind: 'post', postId: 'C3xYz_12ab' },
		],
	])('%s', (input, expected) => {
		const parsed = parseSocialMediaUrl(input);
		expect(parsed).toMatchObject(expected);
		expect(parseSocialMediaUrl(parsed.canonicalUrl)).toEqual(parsed);
	});
});

describe('parseSocialMediaUrl rejects with a message that says what to change', () => {
	it.each([
		['https://x.com/home', /Twitter\/X page, not a profile/],
		['https://x.com/explore', /not a profile/],
		['https://twitter.com/search?q=n8n', /not a profile/],
		['https://x.com/settings/profile', /not a profile/],
		['https://x.com/hashtag/n8n', /not a profile/],
		['https://x.com/i/lists/123', /not a profile/],
		['https://x.com/this_handle_is_far_too_long', /not a valid Twitter\/X handle/],
		['https://x.com/bad-handle', /not a valid Twitter\/X handle/],
		['https://x.com/elonmusk/status/abc', /not a tweet ID/],
		['https://x.com/elonmusk/status/', /no tweet ID/],
		['https://x.com/elonmusk/lists/foo', /neither a profile nor a post/],
		['https://x.com/', /no profile or post/],
		['https://instagram.com/explore/', /Instagram page/],
		['https://instagram.com/bad..name', /not a valid Instagram username/],
		['https://facebook.com/zuck', /not Twitter\/X or Instagram/],
		['https://x.com.evil.example/elonmusk', /not Twitter\/X or Instagram/],
		['ftp://x.com/elonmusk', /not supported/],
		['https://user:pass@x.com/elonmusk', /user name or password/],
		['@elonmusk', /could be on Twitter\/X or Instagram/],
		['elonmusk', /paste the profile's full URL/],
		['https://x.com/elon musk', /spaces/],
	])('%s', (input, message) => {
		let caught: unknown;
		try {
			parseSocialMediaUrl(input);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(NyneValidationError);
		expect((caught as NyneValidationError).code).toBe('invalid_url');
		expect((caught as Error).message).toMatch(message);
		expect((caught as Error).message).toMatch(/Paste a Twitter\/X or Instagram URL/);
	});

	it('treats an empty input as a missing parameter', () => {
		expect(() => parseSocialMediaUrl('  ')).toThrow(
			expect.objectContaining({ code: 'missing_parameters' }),
		);
	});
});
