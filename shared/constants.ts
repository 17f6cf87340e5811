export const DEFAULT_BASE_URL = 'https://api.nyne.ai';
export const INTERACTIONS_PATH = '/person/interactions';
export const USAGE_PATH = '/usage';

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_LIMIT = 1000;
export const CREDITS_PER_LOOKUP = 3;
/** The longest request ID the client sends or accepts back (a callback's included). */
export const REQUEST_ID_MAX_LENGTH = 200;

export const RATE_LIMIT_PER_MINUTE = 60;
export const RATE_LIMIT_PER_HOUR = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export const DEFAULT_WAIT_TIMEOUT_MS = 300_000;
/**
 * What a call with no timeout of its own (a status read, the usage read, a submit given no timeout) may wait in
 * all, for rate-limit room, a Retry-After or its retries; a wait that would end later fails the call at once.
 */
export const DEFAULT_CALL_ALLOWANCE_MS = 300_000;
/** The longest delay a JavaScript timer holds (2^31 − 1 ms, 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
/**
 * What one poll of a watch may wait in all: n8n polls a trigger every minute at most, and a poll must be over
 * before the next one (the rest of the minute is for the HTTP exchanges themselves).
 */
export const WATCH_POLL_ALLOWANCE_MS = 40_000;
export const EARLY_NOT_FOUND_GRACE_MS = 30_000;
/** 404s forgiven for an own lookup after the grace period, before it counts as gone. */
export const LATE_NOT_FOUND_FORGIVEN = 2;
export const DEFAULT_MAX_RETRIES = 5;

/** Codes that mean the API key or secret is missing, wrong, disabled or expired: the user must fix the credential. */
export const AUTH_ERROR_CODES: readonly string[] = [
	'missing_credentials',
	'invalid_credentials',
	'missing_api_key',
	'invalid_api_key',
	'missing_api_secret',
	'invalid_api_secret',
	'api_key_disabled',
	'api_key_expired',
];
