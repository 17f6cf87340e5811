export * from './constants.js';
export * from './types.js';
export * from './ports.js';
export { boundedSleep } from './boundedSleep.js';
export { API_KEY_HEADER, API_SECRET_HEADER, authHeaders } from './authHeaders.js';
export { NyneError, NyneValidationError, NyneApiError, isNotFound, isNyneError } from './errors.js';
export { describeApiError } from './errorMessages.js';
export { parseSocialMediaUrl } from './socialUrl.js';
export { INTERACTION_TYPE_TABLE, INTERACTION_TYPES, platformNamesOf } from './interactionTypes.js';
export { buildInteractionRequest, withCallbackUrl } from './interactionRequest.js';
export { readNumberOption } from './numberOption.js';
export type { NumberRule } from './numberOption.js';
export { quoteInput } from './quote.js';
export { NyneClient } from './client.js';
export { normalizeBaseUrl } from './baseUrl.js';
export type { GetRequestOptions, NyneClientOptions, SubmitOptions, WaitOptions } from './client.js';
export { RateLimiter, RateLimiterRegistry } from './rateLimiter.js';
export { parseCallbackPayload } from './callbackPayload.js';
export { toInteractionItems } from './interactionItems.js';
export { toLookupView } from './lookupView.js';
export type { LookupSummary, LookupView } from './lookupView.js';
export { collectLookup, readCallback, readLookup, startLookup } from './lookups.js';
export type { ReadLookupOptions } from './lookups.js';
export type { ItemMeta } from './interactionItems.js';
export { apiErrorFromResponse } from './httpErrors.js';
export { redactSecrets, maskCallbackUrl } from './redaction.js';
export * as schemas from './schemas.js';
export { observeLookup, personKey } from './watch/followerWatch.js';
export type { WatchMode, WatchOutcome } from './watch/followerWatch.js';
export { WATCH_STATE_VERSION } from './watch/watchState.js';
export type { WatchState } from './watch/watchState.js';
export { toLostPersonItem } from './watch/lostPerson.js';
export { pollWatch, watchKeyOf } from './watch/pollCycle.js';
export type { WatchChange, WatchStore, WatchTarget } from './watch/pollCycle.js';
export { sampleWatch } from './watch/sample.js';
export { readWatchRecord } from './watch/watchRecord.js';
export type { WatchRecord } from './watch/watchRecord.js';
export { effectiveMaxResults } from './watch/completeness.js';
export { creditsPerDay, DEFAULT_CHECK_EVERY_HOURS, lookupIntervalMs } from './watch/interval.js';
export type { LostPersonItem } from './watch/lostPerson.js';
export { isYoungRequest, notFoundMeaning, requestCreatedAtMs } from './notFoundRule.js';
export type { NotFoundMeaning } from './notFoundRule.js';
export type { CallbackReading } from './callbackPayload.js';
export { TOOL_OUTPUT_BUDGET_BYTES, toToolOutput } from './toolOutput.js';
export { hostReach, isCallbackUnreachable } from './hostReach.js';
export { LookupBudget, checkBalance, readCreditBalance } from './credits.js';
export type { CreditBalance } from './credits.js';
export {
	MemoryReuseStore,
	REUSE_WINDOW_MS,
	findReusable,
	rememberPaid,
	reuseKey,
} from './reuse.js';
export { InFlightLookups, followLead } from './inFlight.js';
export type { Claim, Lead } from './inFlight.js';
export type { ReuseStore } from './reuse.js';
export { DEFAULT_TOOL_LOOKUPS_PER_HOUR, HourlyCap } from './hourlyCap.js';
export {
	REQUESTS_PER_LOOKUP,
	batchFloorMs,
	callbackFloorMs,
	pollRequests,
	requestFloorMs,
	windowFloorMs,
} from './batchFloor.js';
export {
	MAX_REFERENCE_LENGTH,
	REFERENCE_QUERY,
	REFERENCE_URL_LIFETIME_MS,
	checkReference,
	readCallbackReference,
	signCallbackReference,
} from './callbackReference.js';
export type { CallbackReference, Hmac, ReferenceReading } from './callbackReference.js';
export { settle } from './settle.js';
export type { Settled } from './settle.js';
