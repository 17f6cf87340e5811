import { MAX_RESULTS_LIMIT } from './constants.js';
import { NyneValidationError } from './errors.js';
import { toInteractionResult } from './lookupOutcome.js';
import { redactSecrets } from './redaction.js';
import { callbackPayloadSchema } from './schemas.js';
import type { LookupOutcome } from './types.js';

export interface CallbackReading {
	/** The credential's key and secret: removed from any text the payload carries. */
	secrets?: readonly string[];
	/** The request this callback must be about; a payload for any other request is refused. */
	expectedRequestId?: string;
}

/**
 * Reads the body Nyne POSTs to a callback_url: strict on `request_id` and `status`, lenient on the rest
 * (people without a usable identity are dropped and counted, a missing result is an empty one), and at
 * most the API's maximum of people per relation is read (a combined lookup carries two relations).
 */
export function parseCallbackPayload(body: unknown, reading: CallbackReading = {}): LookupOutcome {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			throw invalid('the body is not JSON');
		}
	}
	const parsed = callbackPayloadSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(
			issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape',
		);
	}
	const payload = parsed.data;
	if (reading.expectedRequestId !== undefined && payload.request_id !== reading.expectedRequestId) {
		throw new NyneValidationError(
			'callback_request_mismatch',
			`This callback is about another lookup than the one this step started ` +
				`(${reading.expectedRequestId}), so it was not used. ` +
				`Fetch ${reading.expectedRequestId} by its request ID.`,
		);
	}
	const base = {
		requestId: payload.request_id,
		interactionType: payload.interaction_type ?? undefined,
		platform: payload.platform ?? undefined,
	};
	if (payload.status === 'failed') {
		return {
			...base,
			status: 'failed',
			error: redactSecrets(
				payload.error || 'The lookup failed without a reason.',
				reading.secrets ?? [],
			),
		};
	}
	if (payload.status !== 'completed')
		throw invalid(`status "${payload.status}" is neither completed nor failed`);
	const data = payload.data ?? payload.result;
	const combined = (payload.interaction_type ?? data?.interaction_type) === 'followers,following';
	const result = toInteractionResult(data, base, {
		maxPeople: MAX_RESULTS_LIMIT * (combined ? 2 : 1),
	});
	return {
		...base,
		status: 'completed',
		result,
		resultCount: payload.result_count ?? result.interactions.length,
	};
}

function invalid(detail: string): NyneValidationError {
	return new NyneValidationError(
		'invalid_callback_payload',
		`This is not a Nyne callback (${detail}).`,
		'body',
	);
}
