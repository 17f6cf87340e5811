import { defineInputField, type Bundle } from 'zapier-platform-core';

import {
	CREDITS_PER_LOOKUP,
	creditsPerDay,
	DEFAULT_CHECK_EVERY_HOURS,
	DEFAULT_MAX_RESULTS,
	HOUR_MS,
	lookupIntervalMs,
	MAX_RESULTS_LIMIT,
} from '../../../shared/index.js';

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
				`How often a new lookup may start, in whole hours (at least 1). Each lookup costs ${CREDITS_PER_LOOKUP} ` +
				`credits, so ${DEFAULT_CHECK_EVERY_HOURS} hours costs ${creditsPerDay(DEFAULT_CHECK_EVERY_HOURS * HOUR_MS)} credits a day. Changes show ` +
				`up one Zapier poll after the lookup finishes.`,
		}),
		defineInputField({
			key: 'max_results',
			label: 'Max Results',
			required: false,
			type: 'integer',
			default: String(DEFAULT_MAX_RESULTS),
			helpText:
				`How many people each lookup lists, up to ${MAX_RESULTS_LIMIT} (${DEFAULT_MAX_RESULTS} when ` +
				`empty); the newest come first. Lost followers come only from complete lists, so set ` +
				`this above the follower count.`,
		}),
	];
}

/** The interval between lookups, or an error naming the field (before anything is sent). */
export function checkIntervalMs(bundle: Bundle): number {
	return lookupIntervalMs(bundle.inputData.check_every_hours);
}
