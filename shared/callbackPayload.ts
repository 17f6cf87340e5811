import { MAX_RESULTS_LIMIT } from './constants.js';
import { NyneValidationError } from './errors.js';
import { toLookupStatus } from './lookupStatus.js';
import { callbackPayloadSchema } from './schemas.js';
import type { FinishedLookup } from './types.js';

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
export function parseCallbackPayload(body: unknown, reading: CallbackReading = {}): FinishedLookup {
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
	const { status } = payload;
	if (status !== 'completed' && status !== 'failed')
		throw invalid(`status "${status}" is neither completed nor failed`);
	const data = payload.data ?? payload.result;
	const combined = (payload.interaction_type ?? data?.interaction_type) === 'followers,following';
	const finished = toLookupStatus(
		{
			request_id: payload.request_id,
			status,
			interaction_type: payload.interaction_type,
			platform: payload.platform,
			result: status === 'failed' ? undefined : data,
			result_count: payload.result_count,
			error: payload.error,
		},
		{ secrets: reading.secrets, maxPeople: MAX_RESULTS_LIMIT * (combined ? 2 : 1) },
	);
	// toLookupStatus gives a completed lookup its result and count, a failed one its reason
	return finished as FinishedLookup;
}

function invalid(detail: string): NyneValidationError {
	return new NyneValidationError(
		'invalid_callback_payload',
		`This is not a Nyne callback (${detail}).`,
		'body',
	);
}
