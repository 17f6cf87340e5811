import { MAX_RESULTS_LIMIT } from './constants.js';
import { NyneValidationError } from './errors.js';
import {
	INTERACTION_TYPES,
	normalizeInteractionType,
	PLATFORMS,
	SUPPORTED_TYPES,
	targetKindOf,
} from './interactionTypes.js';
import { readNumberOption } from './numberOption.js';
import { quoteInput, shown } from './quote.js';
import { parseSocialMediaUrl } from './socialUrl.js';
import type { InteractionRequestBody, InteractionRequestInput } from './types.js';

function checkMaxResults(value: unknown): number | undefined {
	return readNumberOption(value, {
		label: 'Max results',
		code: 'invalid_max_results',
		field: 'max_results',
		min: 1,
		max: MAX_RESULTS_LIMIT,
		integer: true,
		emptyIsUnset: true,
	});
}

function checkCallbackUrl(value: unknown): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	if (typeof value !== 'string') {
		throw new NyneValidationError(
			'invalid_callback_url',
			`The callback URL must be text, a full http:// or https:// address; got ${shown(value)}.`,
			'callback_url',
		);
	}
	const trimmed = value.trim();
	let url: URL | undefined;
	try {
		url = new URL(trimmed);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
		throw new NyneValidationError(
			'invalid_callback_url',
			`The callback URL ${quoteInput(trimmed)} is not a full http:// or https:// address, such as https://example.com/webhook.`,
			'callback_url',
		);
	}
	return trimmed;
}

/** The exact POST body for a lookup, checked once for every layer after it; invalid input throws before anything reaches the network. */
export function buildInteractionRequest(input: InteractionRequestInput): InteractionRequestBody {
	const rawType = typeof input.type === 'string' ? input.type.trim() : '';
	if (rawType === '') {
		throw new NyneValidationError(
			'missing_parameters',
			`The interaction type is missing. Use one of: ${INTERACTION_TYPES.join(', ')}.`,
			'type',
		);
	}
	const type = normalizeInteractionType(rawType);
	if (!type) {
		throw new NyneValidationError(
			'invalid_interaction_type',
			`${quoteInput(rawType)} is not an interaction type. Use one of: ${INTERACTION_TYPES.join(', ')}.`,
			'type',
		);
	}
	const target = parseSocialMediaUrl(input.socialMediaUrl);
	if (!SUPPORTED_TYPES[target.platform].includes(type)) {
		throw new NyneValidationError(
			'invalid_interaction_type',
			`${PLATFORMS[target.platform].name} supports ${SUPPORTED_TYPES[target.platform].join(', ')}, not ${type}.`,
			'type',
		);
	}
	const neededKind = targetKindOf(type);
	if (target.kind !== neededKind) {
		const example = neededKind === 'post' ? 'https://x.com/name/status/123' : 'https://x.com/name';
		throw new NyneValidationError(
			'invalid_url',
			`${type === 'replies' ? 'Replies need a post URL' : `${type} needs a profile URL`}, such as ${example}; got a ${target.kind} URL.`,
			'social_media_url',
		);
	}
	const maxResults = checkMaxResults(input.maxResults);
	const callbackUrl = checkCallbackUrl(input.callbackUrl);
	return {
		type,
		social_media_url: target.canonicalUrl,
		...(maxResults !== undefined ? { max_results: maxResults } : {}),
		...(callbackUrl !== undefined ? { callback_url: callbackUrl } : {}),
	} as InteractionRequestBody;
}

/**
 * The checked request with a callback URL known only after the input was checked (a platform's resume URL, a
 * signed hook URL): only the URL is checked; an empty one leaves the request without a callback.
 */
export function withCallbackUrl(
	request: InteractionRequestBody,
	callbackUrl: string | undefined,
): InteractionRequestBody {
	const checked = checkCallbackUrl(callbackUrl);
	const { type, social_media_url, max_results } = request;
	return {
		type,
		social_media_url,
		...(max_results !== undefined ? { max_results } : {}),
		...(checked !== undefined ? { callback_url: checked } : {}),
	} as InteractionRequestBody;
}
