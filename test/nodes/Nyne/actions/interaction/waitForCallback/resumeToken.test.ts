import { describe, expect, it } from 'vitest';

import {
	isSignedResumeToken,
	newResumeToken,
	waitIdOf,
} from '../../../../../../nodes/Nyne/actions/interaction/waitForCallback/resumeToken';

describe('the resume token (checked by its signature where n8n 1.x cannot read the execution custom data back)', () => {
	const token = newResumeToken('secret-1', '101', 'node-a');

	it('is new for every run that waits', () => {
		expect(newResumeToken('secret-1', '101', 'node-a')).not.toBe(token);
	});

	it('is accepted only for its execution and node, under its API secret', () => {
		expect(isSignedResumeToken(token, 'secret-1', '101', 'node-a')).toBe(true);
		expect(isSignedResumeToken(token, 'secret-1', '102', 'node-a')).toBe(false);
		expect(isSignedResumeToken(token, 'secret-1', '101', 'node-b')).toBe(false);
		expect(isSignedResumeToken(token, 'secret-2', '101', 'node-a')).toBe(false);
	});

	it('refuses a tampered, truncated or missing token', () => {
		const [nonce, signature] = token.split('.');
		expect(
			isSignedResumeToken(
				`${nonce}.${signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`,
				'secret-1',
				'101',
				'node-a',
			),
		).toBe(false);
		expect(isSignedResumeToken(nonce, 'secret-1', '101', 'node-a')).toBe(false);
		expect(isSignedResumeToken(undefined, 'secret-1', '101', 'node-a')).toBe(false);
		expect(isSignedResumeToken(['a', 'b'], 'secret-1', '101', 'node-a')).toBe(false);
	});

	it('has a wait_id that marks this run’s token only, needs no secret, and does not reveal the token', () => {
		const other = newResumeToken('secret-1', '101', 'node-a');
		expect(waitIdOf(token)).toMatch(/^[0-9a-f]{32}$/);
		expect(waitIdOf(token)).toBe(waitIdOf(token));
		expect(waitIdOf(other)).not.toBe(waitIdOf(token));
		expect(token).not.toContain(waitIdOf(token));
	});
});
