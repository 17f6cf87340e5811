import { NyneValidationError } from './errors.js';
import { shown } from './quote.js';

export interface NumberRule {
	/** The field's name as the user sees it, to start the message ("Max Lookups per Run"). */
	label: string;
	/** The error's code and field (the API's own names where there are some). */
	code: string;
	field?: string;
	min: number;
	max?: number;
	integer?: boolean;
	/** Whether empty text means "not set" (an optional Zapier field left blank); else it is an error. */
	emptyIsUnset?: boolean;
}

/** Decimal digits only: `Number()` would also read '0x10' as 16, '1e3' as 1000, ' ' as 0 and `true` as 1. */
const WHOLE = /^[0-9]{1,15}$/;
const DECIMAL = /^[0-9]{1,15}(?:\.[0-9]{1,9})?$/;

/**
 * The one rule for a numeric option, in n8n and in Zapier: a number, or text with that number in decimal digits
 * (expressions, form fields and `$vars` hand numbers over as text). Undefined or null is "not set" (undefined
 * back, the caller's default applies); anything else out of the rule (NaN, 'abc', '5 minutes', out of range) is
 * a NyneValidationError, raised before anything is sent, so a budget or a timeout is never silently off.
 */
export function readNumberOption(value: unknown, rule: NumberRule): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (text === '' && rule.emptyIsUnset) return undefined;
	const number =
		text === undefined
			? value
			: (rule.integer ? WHOLE : DECIMAL).test(text)
				? Number(text)
				: undefined;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(rule.integer && !Number.isInteger(number)) ||
		number < rule.min ||
		(rule.max !== undefined && number > rule.max)
	) {
		const kind = rule.integer ? 'a whole number' : 'a number';
		const range =
			rule.max === undefined ? `of ${rule.min} or more` : `from ${rule.min} to ${rule.max}`;
		throw new NyneValidationError(
			rule.code,
			`${rule.label} must be ${kind} ${range}, written in decimal digits; got ${shown(value)}.`,
			rule.field,
		);
	}
	return number;
}
