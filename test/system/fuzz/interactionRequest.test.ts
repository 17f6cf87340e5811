import '../../helpers/fuzz/seed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
	buildInteractionRequest,
	NyneValidationError,
	parseSocialMediaUrl,
	schemas,
	type InteractionRequestBody,
	type InteractionRequestInput,
} from '../../../shared';
import { isSubmission, validateSubmission } from '../../../sandbox/validation';
import { anyUrlInput, plausibleUrl } from '../../helpers/fuzz/urlArbitraries';

const typeInput = fc.oneof(
	{
		weight: 12,
		arbitrary: fc.constantFrom('replies', 'followers', 'following', 'followers,following'),
	},
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'Followers',
			' following ',
			'following,followers',
			'FOLLOWERS, following',
			'followers,,following',
			'followers,following,followers',
			'replies,followers',
			'follower',
			'likes',
			'',
			' ',
			',',
			'followers;following',
			'followers following',
			'replies\n',
			'ｆollowers',
		),
	},
	{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const maxResultsInput = fc.oneof(
	{ weight: 4, arbitrary: fc.constant(undefined) },
	{ weight: 4, arbitrary: fc.integer({ min: -5, max: 1_100 }) },
	fc.constantFrom(
		0,
		1,
		9,
		10,
		100,
		999,
		1000,
		1001,
		1.5,
		-0,
		NaN,
		Infinity,
		-Infinity,
		1e21,
		Number.MAX_SAFE_INTEGER,
	),
	fc.double(),
);

const callbackInput = fc.oneof(
	{ weight: 6, arbitrary: fc.constant(undefined) },
	fc.constantFrom(
		'',
		'   ',
		'https://example.com/webhook',
		'http://127.0.0.1:5678/webhook/abc',
		' https://hooks.zapier.com/hooks/catch/1/x ',
		'https://[::1]:8080/x',
		'http://localhost',
		'ftp://example.com/x',
		'example.com/webhook',
		'not a url',
		'http://',
		'https://',
		'http:///x',
		'javascript:alert(1)',
		'https://user:pw@example.com/x',
		'https://exa mple.com',
		'https://example.com/a b',
		'HTTPS://EXAMPLE.COM',
		'https://例え.jp/フック',
		'http://1.2.3.4:99999',
	),
	fc.webUrl({ withQueryParameters: true, withFragments: true }),
	fc.string({ maxLength: 30 }),
);

const requestInput: fc.Arbitrary<InteractionRequestInput> = fc.record(
	{
		type: typeInput,
		socialMediaUrl: anyUrlInput,
		maxResults: maxResultsInput,
		callbackUrl: callbackInput,
	},
	{ requiredKeys: ['type', 'socialMediaUrl'] },
) as fc.Arbitrary<InteractionRequestInput>;

function tryBuild(input: InteractionRequestInput): InteractionRequestBody | undefined {
	try {
		return buildInteractionRequest(input);
	} catch (error) {
		if (error instanceof NyneValidationError) return undefined;
		throw error;
	}
}

/** What the API itself decides about a body: the sandbox's validator, run in-process. */
function apiVerdict(body: InteractionRequestBody): string {
	const answer = validateSubmission(JSON.parse(JSON.stringify(body)) as Record<string, unknown>);
	return isSubmission(answer) ? 'accepted' : JSON.stringify(answer.body);
}

function checkAccepted(input: InteractionRequestInput, body: InteractionRequestBody): void {
	expect(apiVerdict(body)).toBe('accepted');
	// The client's own pre-send check must agree, or submit() would refuse a body the builder made.
	expect(schemas.interactionRequestBodySchema.safeParse(body).success).toBe(true);
	expect(body.social_media_url).toBe(parseSocialMediaUrl(input.socialMediaUrl).canonicalUrl);
	expect(
		Object.keys(body).every(
			(key) => (body as unknown as Record<string, unknown>)[key] !== undefined,
		),
	).toBe(true);
	expect(
		buildInteractionRequest({
			type: body.type,
			socialMediaUrl: body.social_media_url,
			maxResults: body.max_results,
			callbackUrl: body.callback_url,
		}),
	).toEqual(body);
}

describe('buildInteractionRequest under fuzzing', () => {
	it('only NyneValidationError, and every accepted body is one the API accepts', () => {
		let accepted = 0;
		fc.assert(
			fc.property(requestInput, (input) => {
				const body = tryBuild(input);
				if (body) {
					accepted += 1;
					checkAccepted(input, body);
				}
			}),
			{ numRuns: 40_000 },
		);
		expect(accepted).toBeGreaterThan(1_000);
	});

	it('with a valid type and nothing else: every accepted body is one the API accepts', () => {
		fc.assert(
			fc.property(
				anyUrlInput,
				fc.constantFrom('replies', 'followers', 'following', 'followers,following'),
				(url, type) => {
					const body = tryBuild({ type, socialMediaUrl: url });
					if (body) checkAccepted({ type, socialMediaUrl: url }, body);
				},
			),
			{ numRuns: 8_000 },
		);
	});

	// Workflow expressions and Zapier inputs can hand over numbers or objects.
	it('values of the wrong JavaScript type (as loose JSON from a workflow) are a NyneValidationError, not a crash', () => {
		const loose = <T>(usual: fc.Arbitrary<T>) =>
			fc.oneof({ weight: 2, arbitrary: usual }, { weight: 1, arbitrary: fc.anything() });
		fc.assert(
			fc.property(
				loose(typeInput),
				loose(plausibleUrl),
				loose(maxResultsInput),
				loose(callbackInput),
				(type, socialMediaUrl, maxResults, callbackUrl) => {
					const input = {
						type,
						socialMediaUrl,
						maxResults,
						callbackUrl,
					} as unknown as InteractionRequestInput;
					const body = tryBuild(input);
					if (body) expect(apiVerdict(body)).toBe('accepted');
				},
			),
			{
				numRuns: 3_000,
				// FOUND (reported to the lead; shared/ is not ours to edit), a rare draw of fc.anything(): an object
				// without a prototype (Object.create(null), as some query-string parsers make) crashes with
				// "TypeError: Cannot convert object to primitive value" from String(value) in checkMaxResults and
				// checkCallbackUrl (shared/interactionRequest.ts). Minimal counterexample, kept as explicit examples:
				examples: [
					['following', 'x.com/a', Object.create(null), ''],
					['following', 'x.com/a', undefined, Object.create(null)],
				],
			},
		);
	});
});
