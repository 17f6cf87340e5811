import { buildInteractionRequest, DEFAULT_MAX_RESULTS } from '../../shared';
import type { InteractionRequestBody, InteractionType } from '../../shared';

/** Reads one node parameter for the item at hand (execute, poll and webhook contexts read them differently). */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** The request body without callback_url, from the node's own fields; throws NyneValidationError on bad input. */
export function buildLookupBody(
	type: InteractionType,
	read: ParameterReader,
): InteractionRequestBody {
	return buildInteractionRequest({
		type,
		socialMediaUrl: String(read('socialMediaUrl', '') ?? ''),
		maxResults: read('maxResults', DEFAULT_MAX_RESULTS) as number | string,
	});
}
