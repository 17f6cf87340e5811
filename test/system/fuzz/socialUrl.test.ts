import '../../helpers/fuzz/seed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { NyneValidationError, parseSocialMediaUrl, type ParsedSocialUrl } from '../../../shared';
import { parseTarget } from '../../../sandbox/validation';
import { nearMissUrl, randomInput } from '../../helpers/fuzz/urlArbitraries';

/** Returns the parse result, undefined for a NyneValidationError, and lets anything else escape (a bug). */
function tryParse(input: string): ParsedSocialUrl | undefined {
	try {
		return parseSocialMediaUrl(input);
	} catch (error) {
		if (error instanceof NyneValidationError) return undefined;
		throw error;
	}
}

function checkAccepted(parsed: ParsedSocialUrl): void {
	expect(parseSocialMediaUrl(parsed.canonicalUrl)).toEqual(parsed);
	// The sandbox's own URL check is an independent oracle for "would the API take this?".
	const target = parseTarget(parsed.canonicalUrl);
	expect(typeof target === 'string' ? target : { ...target }).toEqual({
		platform: parsed.platform,
		kind: parsed.kind,
		...(parsed.username !== undefined ? { username: parsed.username } : {}),
		...(parsed.postId !== undefined ? { postId: parsed.postId } : {}),
	});
}

describe('parseSocialMediaUrl under fuzzing', () => {
	it('near-miss URLs: only NyneValidationError, and every accepted URL re-parses to itself and passes the API check', () => {
		let accepted = 0;
		fc.assert(
			fc.property(nearMissUrl, (input) => {
				const parsed = tryParse(input);
				if (parsed) {
					accepted += 1;
					checkAccepted(parsed);
				}
			}),
			{ numRuns: 40_000 },
		);
		// The generator is only useful if it reaches both sides of the line.
		expect(accepted).toBeGreaterThan(2_000);
		expect(accepted).toBeLessThan(38_000);
	});

	it('random strings and web URLs: only NyneValidationError', () => {
		fc.assert(
			fc.property(randomInput, (input) => {
				const parsed = tryParse(input);
				if (parsed) checkAccepted(parsed);
			}),
			{ numRuns: 10_000 },
		);
	});

	it('any non-string input is a NyneValidationError, not a crash', () => {
		fc.assert(
			fc.property(fc.anything(), (value) => {
				fc.pre(typeof value !== 'string');
				expect(() => parseSocialMediaUrl(value as string)).toThrow(NyneValidationError);
			}),
			{ numRuns: 2_000 },
		);
	});

	it('the canonical URL is stable: parsing it twice gives the same text', () => {
		fc.assert(
			fc.property(nearMissUrl, (input) => {
				const parsed = tryParse(input);
				if (parsed)
					expect(
						parseSocialMediaUrl(parseSocialMediaUrl(parsed.canonicalUrl).canonicalUrl).canonicalUrl,
					).toBe(parsed.canonicalUrl);
			}),
			{ numRuns: 3_000 },
		);
	});
});
