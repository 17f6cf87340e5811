import { describe, expect, it } from 'vitest';

import { NyneValidationError, readNumberOption } from '../../shared';
import type { NumberRule } from '../../shared';

const BUDGET: NumberRule = {
	label: 'Max Lookups per Run',
	code: 'invalid_max_lookups',
	min: 1,
	integer: true,
};
const TIMEOUT: NumberRule = { label: 'Timeout (Seconds)', code: 'invalid_timeout', min: 1 };

describe('readNumberOption: a number, or numeric text, and nothing else', () => {
	it.each([
		[2, 2],
		['2', 2],
		[' 7 ', 7],
	])('budget %j reads as %j', (value, expected) => {
		expect(readNumberOption(value, BUDGET)).toBe(expected);
	});

	it.each([
		[90, 90],
		['90', 90],
		['1.5', 1.5],
	])('timeout %j reads as %j', (value, expected) => {
		expect(readNumberOption(value, TIMEOUT)).toBe(expected);
	});

	it('undefined and null are "not set": the caller\'s default applies', () => {
		expect(readNumberOption(undefined, BUDGET)).toBeUndefined();
		expect(readNumberOption(null, BUDGET)).toBeUndefined();
	});

	it.each([
		Number.NaN,
		'',
		'  ',
		'abc',
		'5 minutes',
		'0x10',
		'1e3',
		-3,
		0,
		2.5,
		'2.5',
		Infinity,
		true,
		{},
	])('budget %j is refused with an error naming the field', (value) => {
		let error: unknown;
		try {
			readNumberOption(value, BUDGET);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NyneValidationError);
		expect((error as NyneValidationError).code).toBe('invalid_max_lookups');
		expect((error as Error).message).toMatch(
			/^Max Lookups per Run must be a whole number of 1 or more/,
		);
	});

	it('"5 minutes" as a timeout is refused, quoting what was given', () => {
		expect(() => readNumberOption('5 minutes', TIMEOUT)).toThrow(
			'Timeout (Seconds) must be a number of 1 or more, written in decimal digits; got "5 minutes".',
		);
	});

	it('empty text is "not set" only where the rule says so (a blank optional Zapier field)', () => {
		expect(readNumberOption('', { ...BUDGET, emptyIsUnset: true })).toBeUndefined();
		expect(() => readNumberOption('', BUDGET)).toThrow(NyneValidationError);
	});
});
