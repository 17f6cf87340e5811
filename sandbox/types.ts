export type SandboxPlatform = 'twitter' | 'instagram';

/**
 * Which API the sandbox plays: `current` follows today's public documentation (Instagram followers and
 * following, the finer authentication codes); `reference` follows the older reference (Instagram
 * "following" only, missing_credentials / invalid_credentials).
 */
export type ApiEdition = 'current' | 'reference';

export interface JobInfo {
	type: string;
	username?: string;
	postId?: string;
	platform: string;
}
export type JobDuration = number | ((job: JobInfo) => number);

export interface SandboxKey {
	apiKey: string;
	apiSecret: string;
	expired?: boolean;
	credits?: number;
	subscription?: 'active' | 'none' | 'no_feature';
	allowedIps?: string[];
	/** Every API call with this key answers 403 access_denied. */
	accessDenied?: boolean;
	/** Every API call with this key answers 403 api_key_disabled (current edition). */
	disabled?: boolean;
}

export interface RateLimitOptions {
	perMinute?: number;
	perHour?: number;
	monthly?: number;
}

export interface SandboxOptions {
	port?: number;
	timeScale?: number;
	jobDurationMs?: JobDuration;
	rateLimit?: RateLimitOptions | false;
	keys?: SandboxKey[];
	early404Ms?: number;
	apiEdition?: ApiEdition;
	log?: (line: string) => void;
}

export type FaultKind =
	| 'rate_limit'
	| 'server_error'
	| 'early_404'
	| 'slow'
	| 'drop_connection'
	| 'malformed_json'
	| 'duplicate_callback'
	| 'out_of_order_callback'
	| 'odd_result';

export const FAULT_KINDS: readonly FaultKind[] = [
	'rate_limit',
	'server_error',
	'early_404',
	'slow',
	'drop_connection',
	'malformed_json',
	'duplicate_callback',
	'out_of_order_callback',
	'odd_result',
];

export interface Fault {
	kind: FaultKind;
	method?: 'GET' | 'POST';
	path?: string;
	times?: number;
	delayMs?: number;
	/** rate_limit (default 1) and server_error (none unless set): the Retry-After the answer carries, in sandbox seconds. */
	retryAfterSeconds?: number;
	status?: number;
	/** server_error: what the answer carries (default: Nyne's envelope on 500, an HTML page otherwise). */
	body?: 'envelope' | 'html' | 'empty';
	/** Handle the request for real first (a POST creates its job), then answer with the fault, as a proxy would. */
	afterProcessing?: boolean;
	/**
	 * odd_result: how a completed result comes back (GET answers; with `method: 'POST'`, callbacks instead).
	 * `nameless_person` adds a person with `username: null` and sends total_count as text; `null_result`
	 * sends `result`/`data` as null.
	 */
	shape?: 'nameless_person' | 'null_result';
}

export interface RandomFaultSpec {
	seed: number;
	rates: Partial<Record<FaultKind, number>>;
}

export interface ChurnChange {
	addFollowers?: number;
	removeFollowers?: number;
	addFollowing?: number;
	removeFollowing?: number;
}

export interface SandboxStats {
	requests: number;
	byEndpoint: Record<string, number>;
	submissions: number;
	submissionsByTarget: Record<string, number>;
	status429: number;
	status5xx: number;
	creditsUsed: number;
	/** The credit ledger: credits charged per API key (keys that spent nothing included). */
	creditsByKey: Record<string, number>;
	/**
	 * Requests each rate-limited key had accepted in each of its minute windows, oldest first. A window opens at the
	 * first request after the last one closed, so a batch that keeps the limit busy takes no more windows than its
	 * requests need, however late a loaded machine sends them.
	 */
	acceptedPerMinuteWindow: Record<string, number[]>;
	callbacksDelivered: number;
	jobs: number;
}

export interface CallbackDelivery {
	requestId: string;
	url: string;
	attempt: number;
	status?: number;
	error?: string;
	/** Epoch milliseconds (real clock) when the attempt started. */
	at: number;
	/** True for the extra copy sent by the duplicate_callback fault. */
	duplicate?: boolean;
}

export interface SandboxControl {
	injectFault(fault: Fault): void;
	setRandomFaults(spec: RandomFaultSpec | null): void;
	setJobDurationMs(ms: JobDuration): void;
	churn(platform: SandboxPlatform, username: string, change: ChurnChange): void;
	/** New replies to a post, after the ones already there (replies are listed oldest first). */
	addReplies(postId: string, count: number): void;
	stats(): SandboxStats;
	reset(): void;
	callbacks(): CallbackDelivery[];
}

export interface Sandbox {
	url: string;
	port: number;
	apiKey: string;
	apiSecret: string;
	control: SandboxControl;
	close(): Promise<void>;
}
