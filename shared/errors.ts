import { FAILED_WITHOUT_REASON, describeApiError } from './errorMessages.js';

export class NyneError extends Error {
	readonly code: string;

	constructor(code: string, message: string) {
		super(message);
		this.name = 'NyneError';
		this.code = code;
	}
}

/** Input that the API would reject; raised before anything is sent, so it costs nothing. */
export class NyneValidationError extends NyneError {
	readonly field?: string;

	constructor(code: string, message: string, field?: string) {
		super(code, message);
		this.name = 'NyneValidationError';
		this.field = field;
	}
}

export interface NyneApiErrorDetails {
	httpStatus?: number;
	retryable?: boolean;
	retryAfterMs?: number;
	requestId?: string;
	serverMessage?: string;
	message?: string;
	/** When a rate limit resets (ms since the epoch), for an error raised because it resets too late. */
	resetAt?: number;
}

export class NyneApiError extends NyneError {
	readonly httpStatus?: number;
	readonly retryable: boolean;
	readonly retryAfterMs?: number;
	readonly requestId?: string;
	readonly serverMessage?: string;

	constructor(code: string, details: NyneApiErrorDetails = {}) {
		super(code, details.message ?? describeApiError(code, details.serverMessage, details));
		this.name = 'NyneApiError';
		this.httpStatus = details.httpStatus;
		this.retryable = details.retryable ?? false;
		this.retryAfterMs = details.retryAfterMs;
		this.requestId = details.requestId;
		this.serverMessage = details.serverMessage;
	}
}

export function isNyneError(error: unknown): error is NyneError {
	return error instanceof NyneError;
}

/** Nyne does not know the request (HTTP 404); see NyneClient's rule for one created moments ago. */
export function isNotFound(error: unknown): boolean {
	return isNyneError(error) && error.code === 'request_not_found';
}

/** The one place a failed lookup becomes an error: `lookup_failed`, with Nyne's reason. */
export function lookupFailure(requestId: string, reason: string | undefined): NyneApiError {
	return new NyneApiError('lookup_failed', {
		requestId,
		serverMessage: reason || FAILED_WITHOUT_REASON,
	});
}
