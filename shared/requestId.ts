import { REQUEST_ID_MAX_LENGTH } from './constants.js';
import { NyneValidationError } from './errors.js';
import { quoteInput } from './quote.js';

/** The request ID as sent: trimmed, and refused before anything is sent when it cannot be one. */
export function checkRequestId(requestId: string): string {
	const id = typeof requestId === 'string' ? requestId.trim() : '';
	if (id === '')
		throw new NyneValidationError(
			'invalid_request_id',
			'The request ID is empty. Use the request_id returned when the lookup was started.',
			'request_id',
		);
	if (id.length > REQUEST_ID_MAX_LENGTH || /[\s/?#&]/.test(id)) {
		throw new NyneValidationError(
			'invalid_request_id',
			`${quoteInput(id)} is not a Nyne request ID (they look like interaction_abc123def456_1234567890).`,
			'request_id',
		);
	}
	return id;
}
