import type { ZObject } from 'zapier-platform-core';

import {
	AUTH_ERROR_CODES,
	NyneApiError,
	NyneError,
	NyneValidationError,
} from '../../shared/index.js';
import { FIELD_LABELS } from './fields.js';

const AUTH_CODES = new Set(AUTH_ERROR_CODES);
/** The lookup may exist and be paid for: a re-run (ThrottledError) or an Autoreplay (plain error) would pay again. */
const NEVER_RERUN_CODES = new Set(['submission_unknown']);
const PLAN_CODES = new Set([
	'subscription_required',
	'insufficient_credits',
	'no_active_subscription',
	'ip_not_allowed',
	'access_denied',
]);
const THROTTLE_CODES = new Set(['rate_limit_exceeded', 'rate_limited', 'monthly_limit_exceeded']);

const DEFAULT_THROTTLE_SECONDS = 60;
const MONTHLY_LIMIT_RETRY_SECONDS = 3600;
const SERVER_ERROR_RETRY_SECONDS = 30;

/**
 * The one place where the core's errors become Zapier's: a lookup whose fate is unknown halts
 * (nothing may re-run it), an expired or wrong key asks the user to reconnect, limits and server
 * trouble make Zapier retry later, a plan problem halts the run without switching the Zap off,
 * bad input names the field to fix.
 */
export function toZapierError(z: ZObject, error: unknown): Error {
	if (!(error instanceof NyneError))
		return error instanceof Error ? error : new Error(String(error));
	if (error instanceof NyneValidationError) {
		return new z.errors.Error(withField(error.message, error.field), error.code, 400);
	}
	if (!(error instanceof NyneApiError)) return new z.errors.Error(error.message, error.code);
	if (NEVER_RERUN_CODES.has(error.code)) return new z.errors.HaltedError(error.message);
	if (AUTH_CODES.has(error.code) || error.httpStatus === 401) {
		return new z.errors.ExpiredAuthError(error.message);
	}
	if (THROTTLE_CODES.has(error.code) || error.httpStatus === 429) {
		return new z.errors.ThrottledError(error.message, throttleSeconds(error));
	}
	if (PLAN_CODES.has(error.code) || error.httpStatus === 403) {
		return new z.errors.HaltedError(error.message);
	}
	if (error.retryable) {
		return new z.errors.ThrottledError(
			error.message,
			retryAfterSeconds(error) ?? SERVER_ERROR_RETRY_SECONDS,
		);
	}
	return new z.errors.Error(error.message, error.code, error.httpStatus);
}

/** Runs an operation and rethrows anything it raises as the matching Zapier error. */
export async function withZapierErrors<T>(z: ZObject, operation: () => T | Promise<T>): Promise<T> {
	try {
		return await operation();
	} catch (error) {
		throw toZapierError(z, error);
	}
}

function throttleSeconds(error: NyneApiError): number {
	const fromServer = retryAfterSeconds(error);
	if (fromServer !== undefined) return fromServer;
	return error.code === 'monthly_limit_exceeded'
		? MONTHLY_LIMIT_RETRY_SECONDS
		: DEFAULT_THROTTLE_SECONDS;
}

function retryAfterSeconds(error: NyneApiError): number | undefined {
	return error.retryAfterMs === undefined
		? undefined
		: Math.max(1, Math.ceil(error.retryAfterMs / 1000));
}

function withField(message: string, field: string | undefined): string {
	const label = field === undefined ? undefined : FIELD_LABELS[field];
	return label ? `${message} Fix the "${label}" field.` : message;
}
