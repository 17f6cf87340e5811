import { CREDITS_PER_LOOKUP, HOUR_MS } from '../constants.js';
import { NyneValidationError } from '../errors.js';

/** The default time between two lookups of a watch: one lookup a day. */
export const DEFAULT_CHECK_EVERY_HOURS = 24;
const MAX_CHECK_EVERY_HOURS = 99_999;

/**
 * Check Every (Hours) as milliseconds: empty is the default, anything but a whole number of hours from 1 is
 * an error naming the field (before anything is sent).
 */
export function lookupIntervalMs(value: unknown, field = 'check_every_hours'): number {
	if (value === undefined || value === null || value === '')
		return DEFAULT_CHECK_EVERY_HOURS * HOUR_MS;
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > MAX_CHECK_EVERY_HOURS)
		throw new NyneValidationError(
			'invalid_check_every_hours',
			'Check Every (Hours) must be a whole number of hours, 1 or more. Fix the "Check Every (Hours)" field.',
			field,
		);
	return Number(text) * HOUR_MS;
}

/** What a watch spends a day at this interval, once it runs (its first lookup comes on top). */
export function creditsPerDay(intervalMs: number): number {
	return (CREDITS_PER_LOOKUP * 24 * HOUR_MS) / intervalMs;
}
