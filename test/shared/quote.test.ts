import { describe, expect, it } from 'vitest';

import { buildInteractionRequest, parseSocialMediaUrl, quoteInput } from '../../shared';

const messageOf = (run: () => unknown): string => {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected a refusal');
};

describe('a rejected input is quoted by a bounded prefix', () => {
	const huge = `https://x.com/${'a'.repeat(1_000_000)}`;

	it.each([
		['a 1 MB profile URL', () => parseSocialMediaUrl(huge)],
		['a 1 MB text with spaces', () => parseSocialMediaUrl(`x ${'b'.repeat(1_000_000)}`)],
		['a 1 MB host', () => parseSocialMediaUrl(`https://${'c'.repeat(1_000_000)}.com/jack`)],
		[
			'a 1 MB callback URL',
			() =>
				buildInteractionRequest({
					type: 'followers',
					socialMediaUrl: 'x.com/jack',
					callbackUrl: `nope ${'d'.repeat(1_000_000)}`,
				}),
		],
		[
			'a 1 MB interaction type',
			() => buildInteractionRequest({ type: 'e'.repeat(1_000_000), socialMediaUrl: 'x.com/jack' }),
		],
	])('%s gives a short message that says how long the input was', (_name, run) => {
		const message = messageOf(run);
		expect(message.length).toBeLessThan(600);
		expect(message).toMatch(/…" \(\d{7} characters\)/);
	});

	it('a short input is quoted whole', () => {
		expect(quoteInput('x.com/home')).toBe('"x.com/home"');
		expect(messageOf(() => parseSocialMediaUrl('https://example.com/jack'))).toContain(
			'"example.com" is not Twitter/X or Instagram.',
		);
	});
});
