import { INTERACTION_TYPES, listWithOr, PLATFORMS } from './interactionTypes.js';

/** A failed lookup's reason when Nyne gave none. */
export const FAILED_WITHOUT_REASON = 'The lookup failed without a reason.';

interface MessageContext {
	httpStatus?: number;
	retryAfterMs?: number;
	requestId?: string;
	resetAt?: number;
}

type MessageBuilder = (server: string, context: MessageContext) => string;

const seconds = (ms: number | undefined): string =>
	ms === undefined ? 'a minute' : `${Math.max(1, Math.ceil(ms / 1000))} s`;

/** "at 2026-01-01T00:00:00.000Z (in 3 h)": an absolute time, and how far off it is. */
function resetTime(context: MessageContext): string {
	if (context.resetAt === undefined) return 'later';
	const ms = context.retryAfterMs ?? 0;
	const hours = ms / 3_600_000;
	const distance =
		hours >= 48
			? `${Math.round(hours / 24)} days`
			: hours >= 1
				? `${Math.round(hours)} h`
				: seconds(ms);
	return `at ${new Date(context.resetAt).toISOString()} (in ${distance})`;
}

const withServer = (server: string): string => (server ? ` Nyne said: "${server}".` : '');

/** What went wrong with a lookup that was sent but whose answer could not be trusted. */
function submissionFate(server: string, httpStatus: number | undefined): string {
	if (httpStatus !== undefined && httpStatus < 300)
		return `Nyne answered the lookup (HTTP ${httpStatus}) but the answer could not be read`;
	if (httpStatus !== undefined)
		return `Nyne's address answered HTTP ${httpStatus} without Nyne's own error details (a proxy or load balancer may have answered)`;
	return `The connection to Nyne broke after the lookup was sent${server ? ` (${server})` : ''}`;
}

const MESSAGES: Record<string, MessageBuilder> = {
	missing_credentials: () =>
		'Nyne received no API key or secret. Enter both in the Nyne credential.',
	invalid_credentials: () =>
		'Nyne rejected the API key or secret. Copy both again from your Nyne dashboard into the credential.',
	api_key_expired: () =>
		'This Nyne API key has expired. Create a new key in your Nyne dashboard and update the credential.',
	missing_api_key: () =>
		'Nyne received no API key. Enter it in the "API Key" field of the Nyne credential.',
	invalid_api_key: () =>
		'Nyne does not know this API key. Copy the key again from your Nyne dashboard into the "API Key" field of the Nyne credential.',
	missing_api_secret: () =>
		'Nyne received no API secret. Enter it in the "API Secret" field of the Nyne credential.',
	invalid_api_secret: () =>
		'The API secret does not match the API key. Copy the secret again from your Nyne ' +
		'dashboard into the "API Secret" field of the Nyne credential.',
	api_key_disabled: () =>
		'This Nyne API key is disabled. Enable it, or create a new key, in your Nyne ' +
		'dashboard, and update the "API Key" and "API Secret" fields of the Nyne credential.',
	missing_parameters: (server) =>
		`A required parameter is missing: give the interaction type and the social media URL.${withServer(server)}`,
	invalid_interaction_type: (server) =>
		`Unsupported interaction type. Use ${listWithOr(INTERACTION_TYPES)} ` +
		`(replies need a ${PLATFORMS.twitter.name} post).${withServer(server)}`,
	invalid_url: (server) =>
		`The social media URL is not one Nyne accepts. Use a Twitter/X or Instagram profile ` +
		`URL (https://x.com/name) or, for replies, a post URL ` +
		`(https://x.com/name/status/123).${withServer(server)}`,
	invalid_callback_url: () =>
		'The callback URL must be a full http:// or https:// address, such as https://example.com/webhook.',
	invalid_json: () =>
		'Nyne could not read the request body as JSON. This is a bug in the integration: please report it.',
	subscription_required: () =>
		'Your Nyne plan does not include the Person Interactions API. Upgrade the plan in your Nyne dashboard.',
	insufficient_credits: () =>
		'Not enough Nyne credits left (a lookup costs 3). Add credits in your Nyne dashboard or wait for the next billing cycle.',
	no_active_subscription: () =>
		'This API key has no active Nyne subscription. Start or renew a subscription in your Nyne dashboard.',
	ip_not_allowed: () =>
		"This server's IP address is not on the API key's allowed list. Add it in your Nyne dashboard or use a key without an IP restriction.",
	access_denied: () =>
		'Nyne denied access. Check that this API key may use the Person Interactions API.',
	request_not_found: (_server, context) =>
		`Nyne has no request${context.requestId ? ` with ID ${context.requestId}` : ''}. ` +
		`Check the request ID; old requests expire, so start a new lookup if needed.`,
	rate_limit_exceeded: (_server, context) =>
		`Nyne's rate limit was reached (60 requests a minute, 1000 an hour). ` +
		`Wait ${seconds(context.retryAfterMs)} and try again, or spread the lookups over more time.`,
	monthly_limit_exceeded: (_server, context) =>
		context.resetAt === undefined
			? "This API key's monthly request limit is used up. It resets at the start of the billing cycle; upgrade the plan for more."
			: `This API key's monthly request limit is used up; it resets ${resetTime(context)}. ` +
				`Run it again after that, or upgrade the plan for more.`,
	rate_limited: (_server, context) =>
		`Nyne's rate limit for this API key resets ${resetTime(context)}, later than this run may wait ` +
		`(its timeout), so nothing more was sent. Run it again after that time, or spread the lookups over more time.`,
	unavailable: (server, context) =>
		`Nyne is unavailable${context.httpStatus ? ` (HTTP ${context.httpStatus})` : ''} and says it will answer again ` +
		`${resetTime(context)}, later than this call may wait (its timeout), so it was not asked again.` +
		`${withServer(server)}` +
		`${context.requestId ? ` The lookup keeps its request ID ${context.requestId}: fetch it after that time.` : ' Run it again after that time.'}`,
	internal_error: () =>
		'Nyne had an internal error. Try again in a minute; if it keeps happening, contact Nyne support.',
	timeout: (_server, context) =>
		`The lookup did not finish in time` +
		`${context.requestId ? `; it is still running as request ${context.requestId}` : ''}. ` +
		`Fetch it later with that request ID, or raise the timeout.`,
	lookup_failed: (server, context) =>
		`The lookup failed: ${server || 'no reason given'}` +
		`${context.requestId ? ` (request ${context.requestId})` : ''}. ` +
		`Nyne charges no credits for a lookup that finds no data.`,
	submission_unknown: (server, context) =>
		`${submissionFate(server, context.httpStatus)}, so Nyne may have accepted the ` +
		`lookup, and its result may still arrive (at the callback URL, if one was given). It ` +
		`was not sent again, so it is never paid for twice: check your recent Nyne usage ` +
		`(credits used) before running it again.`,
	network_error: (server) =>
		`Could not reach Nyne${server ? ` (${server})` : ''}. Check the base URL in the credential and this server's network access.`,
	invalid_response: (_server, context) =>
		`Nyne answered with something other than the expected JSON` +
		`${context.httpStatus ? ` (HTTP ${context.httpStatus})` : ''}. Try again; if it ` +
		`persists, check that the base URL points at the Nyne API.`,
	aborted: () => 'The wait was cancelled before the lookup finished.',
	wait_failed: (server, context) =>
		`Waiting for the lookup failed inside this integration ` +
		`(${server || 'no reason given'}), not at Nyne` +
		`${context.requestId ? `; the lookup keeps running as request ${context.requestId}, so fetch it with that request ID` : ''}. ` +
		`Please report this as a bug.`,
};

/** The action-oriented message for an API or client error code. */
export function describeApiError(
	code: string,
	serverMessage = '',
	context: MessageContext = {},
): string {
	const build = Object.prototype.hasOwnProperty.call(MESSAGES, code) ? MESSAGES[code] : undefined;
	if (build) return build(serverMessage, context);
	const status = context.httpStatus ? ` (HTTP ${context.httpStatus})` : '';
	if ((context.httpStatus ?? 0) >= 500 && !serverMessage) {
		return (
			`Nyne's address answered HTTP ${context.httpStatus} without Nyne's own error details ` +
			`(a proxy or load balancer may have answered). Try again in a few minutes; if it ` +
			`persists, check the base URL in the credential.`
		);
	}
	return `Nyne returned an error${status}: ${serverMessage || code}.`;
}
