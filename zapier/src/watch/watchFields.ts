import { defineInputField, type Bundle, type ZObject } from 'zapier-platform-core';

import { HOUR_MS, MAX_RESULTS_LIMIT, DEFAULT_MAX_RESULTS } from '../../../shared/index.js';
import { inputText } from '../inputText.js';
import { DEFAULT_CHECK_EVERY_HOURS } from './watchSpec.js';

export function watchFields(urlHelp: string) {
	return [
		defineInputField({
			key: 'social_media_url',
			label: 'Social Media URL',
			required: true,
			type: 'string',
			helpText: urlHelp,
		}),
		defineInputField({
			key: 'check_every_hours',
			label: 'Check Every (Hours)',
			required: false,
			type: 'integer',
			default: String(DEFAULT_CHECK_EVERY_HOURS),
			helpText:
				`How often a new lookup may start, in whole hours (at least 1). Each lookup costs 3 ` +
				`credits, so ${DEFAULT_CHECK_EVERY_HOURS} hours costs 3 credits a day. Changes show ` +
				`up one Zapier poll after the lookup finishes.`,
		}),
		defineInputField({
			key: 'max_results',
			label: 'Max Results',
			required: false,
			type: 'integer',
			default: String(DEFAULT_MAX_RESULTS),
			helpText:
				`How many people each lookup lists, up to ${MAX_RESULTS_LIMIT}; the newest come ` +
				`first. Lost followers can only be seen when the whole list fits.`,
		}),
	];
}

/** The interval between lookups, or an error naming the field (before anything is sent). */
export function checkIntervalMs(z: ZObject, bundle: Bundle): number {
	const raw = bundle.inputData.check_every_hours;
	if (raw === undefined || raw === null || raw === '') return DEFAULT_CHECK_EVERY_HOURS * HOUR_MS;
	const text = inputText(raw).trim();
	if (!/^\d{1,5}$/.test(text) || Number(text) < 1) {
		throw new z.errors.Error(
			'Check Every (Hours) must be a whole number of hours, 1 or more. Fix the "Check Every (Hours)" field.',
			'invalid_check_every_hours',
			400,
		);
	}
	return Number(text) * HOUR_MS;
}
