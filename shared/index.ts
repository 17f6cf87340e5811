export * from './constants.js';
export * from './types.js';
export * from './ports.js';
export { API_KEY_HEADER, API_SECRET_HEADER } from './authHeaders.js';
export {
	NyneError,
	NyneValidationError,
	NyneApiError,
	isNyneError,
	lookupFailure,
} from './errors.js';
export { describeApiError } from './errorMessages.js';
export { parseSocialMediaUrl } from './socialUrl.js';
export { INTERACTION_TYPES, SUPPORTED_TYPES, targetKindOf } from './interactionTypes.js';
export { buildInteractionRequest } from './interactionRequest.js';
export { NyneClient, normalizeBaseUrl } from './client.js';
export type { GetRequestOptions, NyneClientOptions, SubmitOptions, WaitOptions } from './client.js';
export { RateLimiter, RateLimiterRegistry, parseRetryAfter } from './rateLimiter.js';
export type { RateLimitCode, RateLimiterOptions } from './rateLimiter.js';
export { nextPollDelayMs, retryDelayMs } from './pollPolicy.js';
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
export type {
	WatchLookup,
	WatchMode,
	WatchOptions,
	WatchOutcome,
	WatchWarning,
} from './watch/followerWatch.js';
export { MAX_REMEMBERED, WATCH_STATE_VERSION, readWatchState } from './watch/watchState.js';
export type { WatchState } from './watch/watchState.js';
export { toLostPersonItem } from './watch/lostPerson.js';
export { PENDING_MAX_AGE_MS, pollWatch, watchKeyOf } from './watch/pollCycle.js';
export type {
	PollDeps,
	PollOutcome,
	WatchChange,
	WatchNote,
	WatchStore,
	WatchTarget,
} from './watch/pollCycle.js';
export { SAMPLE_SIZE, sampleWatch } from './watch/sample.js';
export { MAX_QUEUED, WATCH_RECORD_VERSION, readWatchRecord } from './watch/watchRecord.js';
export type { WatchRecord } from './watch/watchRecord.js';
export { effectiveMaxResults, isCompleteList } from './watch/completeness.js';
export { creditsPerDay, DEFAULT_CHECK_EVERY_HOURS, lookupIntervalMs } from './watch/interval.js';
export type { LostPersonItem, LostPersonMeta } from './watch/lostPerson.js';
export { isYoungRequest, requestCreatedAtMs } from './requestAge.js';
export type { CallbackReading } from './callbackPayload.js';
export { TOOL_OUTPUT_BUDGET_BYTES, toToolOutput } from './toolOutput.js';
export type { ToolOutput, ToolPerson } from './toolOutput.js';
export { hostReach, isCallbackUnreachable, isLoopbackHost } from './hostReach.js';
export type { HostReach } from './hostReach.js';
export {
	LookupBudget,
	budgetExceeded,
	checkBalance,
	creditsFor,
	readCreditBalance,
} from './credits.js';
export type { BudgetScope, CreditBalance } from './credits.js';
export {
	MemoryReuseStore,
	REUSE_WINDOW_MS,
	findReusable,
	rememberPaid,
	reuseKey,
} from './reuse.js';
export type { ReuseOptions, ReuseRecord, ReuseStore } from './reuse.js';
