import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
	batchFloorMs,
	callbackFloorMs,
	checkReference,
	MAX_REFERENCE_LENGTH,
	readCallbackReference,
	REFERENCE_QUERY,
	REFERENCE_URL_LIFETIME_MS,
	requestFloorMs,
	signCallbackReference,
} from '../../shared';
import type { Hmac } from '../../shared';

const hmac: Hmac = (key, message) => createHmac('sha256', key).update(message).digest('hex');
const KEY = 'a-long-secret-token-0123456789';
const NOW = 1_765_000_000_000;
const NONCE = 'nonce-0123456789abcdef';

const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);
const signed = (reference = 'row 7', issuedAtMs = NOW) =>
	signCallbackReference(
		'https://n8n.example.com/webhook/abc/nyne?token=' + KEY,
		{ reference, nonce: NONCE, issuedAtMs },
		KEY,
		hmac,
		'token',
	);

describe('callback reference', () => {
	it('travels signed in the query, without the secret it was signed with', () => {
		const url = signed();
		expect(url).not.toContain(KEY);
		expect(queryOf(url)[REFERENCE_QUERY.reference]).toBe('row 7');
		expect(readCallbackReference(queryOf(url), KEY, hmac, NOW + 60_000)).toEqual({
			kind: 'signed',
			reference: 'row 7',
			nonce: NONCE,
		});
	});

	it("refuses a reference of the caller's choosing, a wrong key, a missing part and an expired URL", () => {
		const forged = { ...queryOf(signed()), [REFERENCE_QUERY.reference]: 'row 8' };
		expect(readCallbackReference(forged, KEY, hmac, NOW).kind).toBe('refused');
		expect(readCallbackReference(queryOf(signed()), 'another-secret-0123456', hmac, NOW).kind).toBe(
			'refused',
		);
		const { [REFERENCE_QUERY.signature]: _dropped, ...unsigned } = queryOf(signed());
		expect(readCallbackReference(unsigned, KEY, hmac, NOW).kind).toBe('refused');
		expect(readCallbackReference(queryOf(signed()), '', hmac, NOW).kind).toBe('refused');
		const late = NOW + REFERENCE_URL_LIFETIME_MS + 1000;
		expect(readCallbackReference(queryOf(signed()), KEY, hmac, late)).toEqual({
			kind: 'refused',
			reason: 'its callback URL has expired',
		});
	});

	it('reads a query without reference parameters as no reference', () => {
		expect(readCallbackReference({ token: KEY }, KEY, hmac, NOW)).toEqual({ kind: 'none' });
	});

	it('takes text or a number, trimmed, up to its maximum length', () => {
		expect(checkReference(' 42 ')).toBe('42');
		expect(checkReference(42)).toBe('42');
		expect(checkReference('')).toBeUndefined();
		expect(() => checkReference({ id: 1 })).toThrow(/text or a number/);
		expect(() => checkReference('x'.repeat(MAX_REFERENCE_LENGTH + 1))).toThrow(/at most 256/);
	});
});

describe('batch floor under 60 requests a minute and 1000 an hour', () => {
	it('gives the figures the README quotes', () => {
		const minutes = (ms: number) => Math.round(ms / 6_000) / 10;
		expect(minutes(batchFloorMs(300).poll)).toBe(10);
		expect(minutes(batchFloorMs(300).callback)).toBe(5);
		expect(minutes(batchFloorMs(1000).callback)).toBe(16.7);
		expect(minutes(batchFloorMs(1000).poll)).toBe(76.7);
		expect(requestFloorMs(0)).toBe(0);
	});

	it('puts the last POST of a callback batch at the start of its fixed window, then its job', () => {
		expect(callbackFloorMs(300, 2_000)).toBe(4 * 60_000 + 2_000);
		// the node's balance read makes 301 requests: the last POST opens a sixth minute
		expect(callbackFloorMs(301, 2_000)).toBe(5 * 60_000 + 2_000);
		expect(callbackFloorMs(1, 2_000)).toBe(2_000);
	});
});
