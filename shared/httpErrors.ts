import { NyneApiError } from './errors.js';
import type { TransportResponse } from './ports.js';
import { parseRetryAfter } from './rateLimiter.js';
import { errorEnvelopeSchema } from './schemas.js';

const CODE_BY_STATUS: Record<number, string> = {
	401: 'invalid_credentials',
	403: 'access_denied',
	404: 'request_not_found',
	429: 'rate_limit_exceeded',
};

/** 429s and server errors are worth another try; monthly quota and everything else are not. */
function isRetryable(status: number, code: string): boolean {
	if (status === 429) return code !== 'monthly_limit_exceeded';
	return status >= 500;
}

/**
 * A POST may be sent again only when the answer proves no job was made: a 429, a gateway that never
 * reached the API (502, 503), or the API's own internal_error ("try again later"). A 504 leaves its fate unknown.
 */
export function mayResendPost(error: NyneApiError): boolean {
	const status = error.httpStatus ?? 0;
	return error.retryable && (status === 429 || status === 502 || status === 503 || (status === 500 && error.code === 'internal_error'));
}

export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length >= 4) out = out.split(secret).join('***');
	}
	return out;
}

export function apiErrorFromResponse(
	response: TransportResponse,
	now: number,
	secrets: readonly string[],
	requestId?: string,
): NyneApiError {
	const envelope = errorEnvelopeSchema.safeParse(response.body);
	const fallback = CODE_BY_STATUS[response.status] ?? (response.status >= 500 ? 'internal_error' : `http_${response.status}`);
	const code = envelope.success ? envelope.data.error.code : fallback;
	const rawMessage = envelope.success ? envelope.data.error.message : undefined;
	return new NyneApiError(code, {
		httpStatus: response.status,
		retryable: isRetryable(response.status, code),
		retryAfterMs: parseRetryAfter(response.headers['retry-after'], now),
		requestId,
		serverMessage: rawMessage === undefined ? undefined : redact(rawMessage, secrets),
	});
}

const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/** True when the failure happened before the request could have reached the server. */
export function failedBeforeSending(error: unknown): boolean {
	const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
		(error as { cause?: { code?: unknown } } | null)?.cause?.code;
	return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}

export function describeTransportFailure(error: unknown, secrets: readonly string[]): string {
	const source = error as { code?: unknown; message?: unknown } | null;
	const reason = typeof source?.code === 'string' ? source.code : typeof source?.message === 'string' ? source.message : 'no answer';
	return redact(reason, secrets).slice(0, 200);
}
