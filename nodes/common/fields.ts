import { DEFAULT_MAX_RESULTS, MAX_RESULTS_LIMIT } from '../../shared';
import type { HintedProperty } from './builderHints';

/** The fewest people Nyne lists for a lookup (it raises a smaller Max Results to this). */
export const MIN_RESULTS = 10;

/**
 * The profile or post a lookup is about; each node says which in its placeholder and hint, and tells an AI builder
 * which URL forms it takes (builderHints.ts).
 */
export function socialMediaUrlField(
	placeholder: string,
	hint: string,
	propertyHint: string,
): HintedProperty {
	return {
		displayName: 'Social Media URL',
		name: 'socialMediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		hint,
		builderHint: { propertyHint },
	};
}

/**
 * What Max Results means, in one sentence for every node and for an AI agent's $fromAI (examples/): Nyne
 * raises a smaller value to 10, so the field keeps accepting the 1 to 9 that saved workflows may hold.
 */
export const MAX_RESULTS_DESCRIPTION =
	`How many people to return. Nyne returns at least ${MIN_RESULTS} (when there are that many) and at most ` +
	`${MAX_RESULTS_LIMIT}: a value below ${MIN_RESULTS} counts as ${MIN_RESULTS}.`;

/** How many people a lookup asks for; each node adds what it means there (credits, complete lists). */
export function maxResultsField(hint: string, propertyHint: string): HintedProperty {
	return {
		displayName: 'Max Results',
		name: 'maxResults',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RESULTS_LIMIT },
		default: DEFAULT_MAX_RESULTS,
		description: MAX_RESULTS_DESCRIPTION,
		hint,
		builderHint: { propertyHint },
	};
}
