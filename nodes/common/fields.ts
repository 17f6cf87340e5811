import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RESULTS, MAX_RESULTS_LIMIT } from '../../shared';

/** The profile or post a lookup is about; each node says which in its placeholder and hint. */
export function socialMediaUrlField(placeholder: string, hint: string): INodeProperties {
	return {
		displayName: 'Social Media URL',
		name: 'socialMediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		hint,
	};
}

/** How many people a lookup asks for; each node adds what it means there (credits, complete lists). */
export function maxResultsField(hint: string): INodeProperties {
	return {
		displayName: 'Max Results',
		name: 'maxResults',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RESULTS_LIMIT },
		default: DEFAULT_MAX_RESULTS,
		description: 'Max number of results to return',
		hint,
	};
}
