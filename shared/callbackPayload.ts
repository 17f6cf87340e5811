import { NyneValidationError } from './errors.js';
import { toInteractionResult } from './lookupOutcome.js';
import { callbackPayloadSchema } from './schemas.js';
import type { LookupOutcome } from './types.js';

/** Reads the body Nyne POSTs to a callback_url: tolerant of extra fields, strict on the ones used. */
export function parseCallbackPayload(body: unknown): LookupOutcome {
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
		throw invalid(issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape');
	}
	const payload = parsed.data;
	const base = { requestId: payload.request_id, interactionType: payload.interaction_type, platform: payload.platform };
	if (payload.status === 'failed') {
		return { ...base, status: 'failed', error: payload.error || 'The lookup failed without a reason.' };
	}
	if (payload.status !== 'completed') throw invalid(`status "${payload.status}" is neither completed nor failed`);
	const data = payload.data ?? payload.result;
	if (!data) throw invalid('a completed callback has no data');
	const result = toInteractionResult(data, base);
	return { ...base, status: 'completed', result, resultCount: payload.result_count ?? result.interactions.length };
}

function invalid(detail: string): NyneValidationError {
	return new NyneValidationError('invalid_callback_payload', `This is not a Nyne callback (${detail}).`, 'body');
}
