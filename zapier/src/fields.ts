import { defineInputField } from 'zapier-platform-core';

import {
	CREDITS_PER_LOOKUP,
	INTERACTION_TYPE_TABLE,
	INTERACTION_TYPES,
	platformNamesOf,
	DEFAULT_MAX_RESULTS,
	MAX_RESULTS_LIMIT,
	type InteractionRequestInput,
} from '../../shared/index.js';
import { inputText } from './inputText.js';

/** Field keys the user fills in; the same keys the API and the core's validation errors use. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
	type: 'Interaction Type',
	social_media_url: 'Social Media URL',
	max_results: 'Max Results',
	callback_url: 'Callback URL',
	request_id: 'Request ID',
	reference: 'Reference',
	base_url: 'API Base URL',
};

export const typeField = defineInputField({
	key: 'type',
	label: FIELD_LABELS.type,
	required: true,
	choices: INTERACTION_TYPES.map((type) => ({
		value: type,
		label: `${INTERACTION_TYPE_TABLE[type].label} (${platformNamesOf(type)})`,
		sample: type,
	})),
	default: 'followers',
	helpText:
		'Which people to fetch. Replies need a Twitter/X post URL; the other types need a profile URL (Twitter/X or Instagram).',
});

export const socialMediaUrlField = defineInputField({
	key: 'social_media_url',
	label: FIELD_LABELS.social_media_url,
	required: true,
	type: 'string',
	helpText:
		'For followers or following: a profile, such as `https://x.com/nyne_ai` or ' +
		'`https://instagram.com/instagram`. For replies: a post, such as ' +
		'`https://x.com/nyne_ai/status/1234567890`.',
});

export const maxResultsField = defineInputField({
	key: 'max_results',
	label: FIELD_LABELS.max_results,
	required: false,
	type: 'integer',
	default: String(DEFAULT_MAX_RESULTS),
	helpText:
		`How many people to fetch, from 1 to ${MAX_RESULTS_LIMIT} (Nyne ` +
		`uses ${DEFAULT_MAX_RESULTS} when empty). A lookup costs ${CREDITS_PER_LOOKUP} credits whatever the count.`,
});

export const callbackUrlField = defineInputField({
	key: 'callback_url',
	label: FIELD_LABELS.callback_url,
	required: false,
	type: 'string',
	helpText:
		'Optional. Nyne POSTs the results to this address when the lookup finishes, for example a ' +
		'"Catch Hook" URL from Webhooks by Zapier. Leave it empty to send them to the ' +
		'"Interaction Lookup Completed" Zap that is on for this connection, if there is one.',
});

export const referenceField = defineInputField({
	key: 'reference',
	label: FIELD_LABELS.reference,
	required: false,
	type: 'string',
	helpText:
		"Optional. A value of this lookup's record, such as a row ID or the input URL, that " +
		'"Interaction Lookup Completed" gives back with each person, so the people can be written back ' +
		'where they belong. Works with the Callback URL left empty; at most 256 characters.',
});

export const requestIdField = defineInputField({
	key: 'request_id',
	label: FIELD_LABELS.request_id,
	required: true,
	type: 'string',
	dynamic: 'recent_lookup.id.label',
	helpText:
		'The Request ID returned by "Start Interaction Lookup", such as `interaction_abc123def456_1234567890`: ' +
		'map it from that step, or pick one of the lookups started on this connection.',
});

export const lookupFields = [typeField, socialMediaUrlField, maxResultsField];

/** What Zapier hands over (strings, numbers or nothing) as the core's request input. */
export function lookupInput(
	inputData: Record<string, unknown>,
	callbackUrl?: string,
): InteractionRequestInput {
	return {
		type: inputText(inputData.type),
		socialMediaUrl: inputText(inputData.social_media_url),
		maxResults: inputData.max_results as number | string | undefined,
		callbackUrl,
	};
}
