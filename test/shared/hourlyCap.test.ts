import { describe, expect, it } from 'vitest';

import { HOUR_MS, HourlyCap, NyneValidationError } from '../../shared';

describe('HourlyCap: lookups a tool may start in a rolling hour', () => {
	const clock = () => {
		let now = Date.parse('2026-12-06T10:00:00Z');
		return { now: () => now, advance: (ms: number) => (now += ms) };
	};

	it('lets the cap through, refuses the next with when it frees up, and counts nothing refused', () => {
		const time = clock();
		const cap = new HourlyCap(time.now);
		cap.take('tool', 3, 'Max Lookups per Hour');
		time.advance(10 * 60_000);
		cap.take('tool', 3, 'Max Lookups per Hour');
		cap.take('tool', 3, 'Max Lookups per Hour');
		let refusal: unknown;
		for (let i = 0; i < 5; i++) {
			try {
				cap.take('tool', 3, 'Max Lookups per Hour');
			} catch (error) {
				refusal = error;
			}
		}
		expect(refusal).toBeInstanceOf(NyneValidationError);
		expect((refusal as NyneValidationError).code).toBe('budget_exceeded');
		expect((refusal as Error).message).toContain(
			'cap of 3 lookups in the last hour (9 credits at most)',
		);
		expect((refusal as Error).message).toContain('in 50 minutes (at 2026-12-06T11:00:00.000Z)');
		time.advance(50 * 60_000 - 1);
		expect(() => cap.take('tool', 3, 'Max Lookups per Hour')).toThrow(/in 1 minute /);
		time.advance(1);
		cap.take('tool', 3, 'Max Lookups per Hour');
		expect(() => cap.take('tool', 3, 'Max Lookups per Hour')).toThrow(
			/at 2026-12-06T11:10:00.000Z/,
		);
	});

	it('counts each tool on its own', () => {
		const cap = new HourlyCap(clock().now);
		cap.take('a', 1, 'field');
		cap.take('b', 1, 'field');
		expect(() => cap.take('a', 1, 'field')).toThrow(NyneValidationError);
	});

	it('a later, higher setting lets more through at once', () => {
		const cap = new HourlyCap(clock().now);
		cap.take('a', 1, 'field');
		expect(() => cap.take('a', 1, 'field')).toThrow(NyneValidationError);
		cap.take('a', 2, 'field');
		expect(() => cap.take('a', 2, 'field')).toThrow(NyneValidationError);
	});

	it('an hour after the last lookup the tool starts afresh', () => {
		const time = clock();
		const cap = new HourlyCap(time.now);
		for (let i = 0; i < 4; i++) cap.take('a', 4, 'field');
		time.advance(HOUR_MS);
		for (let i = 0; i < 4; i++) cap.take('a', 4, 'field');
		expect(() => cap.take('a', 4, 'field')).toThrow(NyneValidationError);
	});
});
