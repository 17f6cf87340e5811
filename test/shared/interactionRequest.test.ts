import { describe, expect, it } from 'vitest';

import { buildInteractionRequest, NyneValidationError, withCallbackUrl } from '../../shared';

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NyneValidationError);
		return (error as NyneValidationError).code;
	}
	return undefined;
}

describe('buildInteractionRequest', () => {
	it('builds the exact documented body from canonical URLs', () => {
		expect(
			buildInteractionRequest({
				type: 'replies',
				socialMediaUrl: 'twitter.com/elonmusk/status/1234567890/photo/1',
				maxResults: 50,
			}),
		).toEqual({
			type: 'replies',
			social_media_url: 'https://x.com/elonmusk/status/1234567890',
			max_results: 50,
		});
		expect(
			buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: 'https://twitter.com/elonmusk',
				callbackUrl: ' https://yourapp.com/webhook/interactions ',
			}),
		).toEqual({
			type: 'followers',
			social_media_url: 'https://x.com/elonmusk',
			callback_url: 'https://yourapp.com/webhook/interactions',
		});
		expect(
			buildInteractionRequest({
				type: 'following',
				socialMediaUrl: 'https://instagram.com/instagram',
				maxResults: 1000,
			}),
		).toEqual({
			type: 'following',
			social_media_url: 'https://instagram.com/instagram',
			max_results: 1000,
		});
	});

	it('normalises the combined type in any order and spacing', () => {
		expect(
			buildInteractionRequest({ type: 'following, followers', socialMediaUrl: 'x.com/jack' }).type,
		).toBe('followers,following');
	});

	it.each([
		[
			{ type: '', socialMediaUrl: 'x.com/jack' },
			'missing_parameters',
			/interaction type is missing/,
		],
		[{ type: 'followers', socialMediaUrl: '' }, 'missing_parameters', /URL is empty/],
		[
			{ type: 'likes', socialMediaUrl: 'x.com/jack' },
			'invalid_interaction_type',
			/Use one of: replies, followers, following, followers,following/,
		],
		[
			{ type: 'replies', socialMediaUrl: 'https://instagram.com/p/C3xYz_12ab' },
			'invalid_interaction_type',
			/Instagram supports followers, following, followers,following, not replies/,
		],
		[{ type: 'replies', socialMediaUrl: 'x.com/jack' }, 'invalid_url', /Replies need a post URL/],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack/status/20' },
			'invalid_url',
			/followers needs a profile URL/,
		],
		[
			{ type: 'following', socialMediaUrl: 'https://instagram.com/p/C3xYz_12ab' },
			'invalid_url',
			/needs a profile URL/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'https://example.com/jack' },
			'invalid_url',
			/not Twitter\/X or Instagram/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', callbackUrl: 'not a url' },
			'invalid_callback_url',
			/full http:\/\/ or https:\/\//,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', callbackUrl: 'ftp://example.com/hook' },
			'invalid_callback_url',
			/full http/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: 0 },
			'invalid_max_results',
			/from 1 to 1000/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: 1001 },
			'invalid_max_results',
			/from 1 to 1000/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: 2.5 },
			'invalid_max_results',
			/whole number/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: '0x10' },
			'invalid_max_results',
			/decimal digits; got "0x10"/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: '1e3' },
			'invalid_max_results',
			/decimal digits; got "1e3"/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: true as never },
			'invalid_max_results',
			/got true/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: '12.0' },
			'invalid_max_results',
			/decimal digits/,
		],
		[
			{ type: 'followers', socialMediaUrl: 'x.com/jack', maxResults: '-5' },
			'invalid_max_results',
			/decimal digits/,
		],
	])('%j -> %s', (input, code, message) => {
		expect(codeOf(() => buildInteractionRequest(input))).toBe(code);
		expect(() => buildInteractionRequest(input)).toThrow(message);
	});
});

describe('withCallbackUrl', () => {
	const plain = buildInteractionRequest({
		type: 'followers',
		socialMediaUrl: 'x.com/jack',
		maxResults: 20,
	});

	it('adds a callback URL known only later, checked, and leaves the rest as built', () => {
		expect(withCallbackUrl(plain, ' https://hooks.example.com/catch/1 ')).toEqual({
			type: 'followers',
			social_media_url: 'https://x.com/jack',
			max_results: 20,
			callback_url: 'https://hooks.example.com/catch/1',
		});
		expect(plain).not.toHaveProperty('callback_url');
	});

	it('replaces an earlier callback URL, or removes it when the new one is empty', () => {
		const hooked = withCallbackUrl(plain, 'https://a.example.com/');
		expect(withCallbackUrl(hooked, 'https://b.example.com/').callback_url).toBe(
			'https://b.example.com/',
		);
		expect(withCallbackUrl(hooked, '  ')).toEqual(plain);
	});

	it('refuses a callback URL that is not a full http(s) address, as buildInteractionRequest does', () => {
		expect(codeOf(() => withCallbackUrl(plain, 'ftp://example.com/hook'))).toBe(
			'invalid_callback_url',
		);
	});
});
