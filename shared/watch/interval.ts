import { CREDITS_PER_LOOKUP, HOUR_MS } from '../constants.js';
import { readNumberOption } from '../numberOption.js';

/** The default time between two lookups of a watch: one lookup a day. */
export const DEFAULT_CHECK_EVERY_HOURS = 24;
const MAX_CHECK_EVERY_HOURS = 99_999;

/**
 * Check Every (Hours) as milliseconds: empty is the default, anything but a whole number of hours from 1 is
 * an error naming the field (before anything is sent).
 */
export function lookupIntervalMs(value: unknown, field = 'check_every_hours'): number {
	const hours = readNumberOption(value, {
		label: 'Check Every (Hours)',
		code: 'invalid_check_every_hours',
		field,
		min: 1,
		max: MAX_CHECK_EVERY_HOURS,
		integer: true,
		emptyIsUnset: true,
	});
	return (hours ?? DEFAULT_CHECK_EVERY_HOURS) * HOUR_MS;
}

/** What a watch spends a day at this interval, once it runs (its first lookup comes on top). */
export function creditsPerDay(intervalMs: number): number {
	return (CREDITS_PER_LOOKUP * 24 * HOUR_MS) / intervalMs;
}
