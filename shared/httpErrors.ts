import { NyneApiError } from './errors.js';
import type { TransportResponse } from './ports.js';
import { parseRetryAfter } from './rateLimiter.js';
import { redactSecrets } from './redaction.js';
import { errorEnvelopeSchema } from './schemas.js';

const CODE_BY_STATUS: Record<number, string> = {
	401: 'invalid_credentials',
	403: 'access_denied',
	404: 'request_not_found',
	429: 'rate_limit_exceeded',
};

/** What an API error code may look like; anything else (HTML, a sentence, a secret) is not trusted as a code. */
const SERVER_CODE = /^[a-z0-9_]{1,64}$/;

/** The only 5xx code the API documents as "try again later". */
const RETRY_LATER_CODE = 'internal_error';

/** 429s and server errors are worth another try; monthly quota and everything else are not. */
function isRetryable(status: number, code: string): boolean {
	if (status === 429) return code !== 'monthly_limit_exceeded';
	return status >= 500;
}

/**
 * A POST may be sent again only when the answer proves no job was made: a 429, or a 5xx carrying
 * Nyne's own envelope with `internal_error`. A 5xx without the envelope (an HTML page from a proxy,
 * an empty body, a load balancer's 502) may come from in front of a job that was created: its fate is unknown.
 */
export function mayResendPost(error: NyneApiError): boolean {
	const status = error.httpStatus ?? 0;
	return error.retryable && (status === 429 || (status >= 500 && error.code === RETRY_LATER_CODE));
}

/** The envelope's code when it is one the client can trust, else undefined. */
function trustedCode(code: string, secrets: readonly string[]): string | undefined {
	return SERVER_CODE.test(code) && redactSecrets(code, secrets) === code ? code : undefined;
}

export function apiErrorFromResponse(
	response: TransportResponse,
	now: number,
	secrets: readonly string[],
	requestId?: string,
): NyneApiError {
	const envelope = errorEnvelopeSchema.safeParse(response.body);
	const serverCode = envelope.success ? trustedCode(envelope.data.error.code, secrets) : undefined;
	const statusCode = `http_${response.status}`;
	const bareCode =
		response.status >= 500 ? statusCode : (CODE_BY_STATUS[response.status] ?? statusCode);
	const code = envelope.success ? (serverCode ?? statusCode) : bareCode;
	const rawMessage = envelope.success ? envelope.data.error.message : undefined;
	const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
	return new NyneApiError(code, {
		httpStatus: response.status,
		retryable: isRetryable(response.status, code),
		retryAfterMs,
		...(response.status === 429 && retryAfterMs !== undefined
			? { resetAt: now + retryAfterMs }
			: {}),
		requestId,
		serverMessage:
			rawMessage === undefined ? undefined : redactSecrets(rawMessage, secrets).slice(0, 500),
	});
}

const NEVER_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_INVALID_URL',
]);

/** True when the failure happened before the request could have reached the server. */
export function failedBeforeSending(error: unknown): boolean {
	const code =
		(error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
		(error as { cause?: { code?: unknown } } | null)?.cause?.code;
	return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}

export function describeTransportFailure(error: unknown, secrets: readonly string[]): string {
	const source = error as { code?: unknown; message?: unknown } | null;
	const reason =
		typeof source?.code === 'string'
			? source.code
			: typeof source?.message === 'string'
				? source.message
				: 'no answer';
	return redactSecrets(reason, secrets).slice(0, 200);
}
