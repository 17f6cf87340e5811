import {
	DEFAULT_CALL_ALLOWANCE_MS,
	DEFAULT_MAX_RETRIES,
	DEFAULT_WAIT_TIMEOUT_MS,
	INTERACTIONS_PATH,
	USAGE_PATH,
} from './constants.js';
import { ApiCall, type CallContext } from './apiCall.js';
import { apiUrl, normalizeBaseUrl } from './baseUrl.js';
import { boundedSleep } from './boundedSleep.js';
import { NyneApiError, isNotFound } from './errors.js';
import { isFinished, toLookupStatus } from './lookupStatus.js';
import { nextPollDelayMs } from './pollPolicy.js';
import type { Now, Sleep, Transport } from './ports.js';
import { RateLimiter } from './rateLimiter.js';
import { checkRequestId } from './requestId.js';
import { notFoundMeaning, youngForMs, type NotFoundMeaning } from './notFoundRule.js';
import { settle } from './settle.js';
import { requestStatusDataSchema, submitDataSchema, usageDataSchema } from './schemas.js';
import type { FinishedLookup, InteractionRequestBody, LookupStatus, Usage } from './types.js';

export interface NyneClientOptions {
	baseUrl?: string;
	apiKey: string;
	apiSecret: string;
	transport: Transport;
	sleep: Sleep;
	now: Now;
	random?: () => number;
	limiter?: RateLimiter | false;
	maxRetries?: number;
	/**
	 * The longest a call with no deadline of its own (a submit without `timeoutMs`, a usage read, a status
	 * read) may wait in all (rate-limit room, Retry-After, retries), in milliseconds; default
	 * DEFAULT_CALL_ALLOWANCE_MS. A wait that would end later fails the call at once.
	 */
	maxWaitMs?: number;
	/**
	 * Whether the client writes the key pair onto each request (default false: both products' platforms sign
	 * requests themselves, n8n's credential and Zapier's beforeRequest middleware, so the pair is set in one
	 * place). A caller with a bare transport (a test, a benchmark) sets true.
	 */
	signRequests?: boolean;
}

export interface SubmitOptions {
	signal?: AbortSignal;
	/** The run's deadline as a delay: a rate limit that resets later fails the submit at once, unsent. */
	timeoutMs?: number;
}

export interface WaitOptions {
	timeoutMs?: number;
	signal?: AbortSignal;
	/** When a lookup this client did not submit was started (e.g. from a trigger's state), for the 404 rule. */
	submittedAt?: number;
}

export interface GetRequestOptions {
	signal?: AbortSignal;
	/** Ask again through a 404 while the request is young (created moments ago): the API may not show it yet. */
	waitWhileYoung?: boolean;
	/** With `waitWhileYoung`: the longest time spent asking again, in milliseconds. */
	maxWaitMs?: number;
	/** When the caller started the request, if this client did not (a trigger's state, a Zapier bundle). */
	submittedAt?: number;
}

/** Young-404 rechecks: 1 s, 2 s, 4 s, then every 5 s while the request stays young. */
const YOUNG_RECHECK_MS = [1_000, 2_000, 4_000, 5_000];

/** Nyne's HTTP API: each method returns the API's own data, parsed (see LookupStatus). */
export class NyneClient {
	readonly baseUrl: string;
	private readonly api: ApiCall;
	private readonly random: () => number;
	private readonly maxWaitMs: number;
	private readonly submittedAt = new Map<string, number>();

	constructor(private readonly options: NyneClientOptions) {
		this.baseUrl = normalizeBaseUrl(options.baseUrl);
		this.random = options.random ?? Math.random;
		this.maxWaitMs = options.maxWaitMs ?? DEFAULT_CALL_ALLOWANCE_MS;
		this.api = new ApiCall({
			apiKey: options.apiKey,
			apiSecret: options.apiSecret,
			signRequests: options.signRequests === true,
			transport: options.transport,
			sleep: boundedSleep(options.sleep),
			now: options.now,
			random: this.random,
			limiter: options.limiter === undefined ? new RateLimiter() : options.limiter,
			maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
		});
	}

	/** Sends the checked request as it is; the lookup Nyne accepted (its type is the one sent when Nyne's answer leaves it out). */
	async submit(body: InteractionRequestBody, options: SubmitOptions = {}): Promise<LookupStatus> {
		const data = await this.api.send(
			'POST',
			apiUrl(this.baseUrl, INTERACTIONS_PATH),
			{ signal: options.signal, roomBy: this.deadlineIn(options.timeoutMs) },
			body,
		);
		const parsed = submitDataSchema.safeParse(data);
		if (!parsed.success) throw new NyneApiError('submission_unknown', { httpStatus: 202 });
		this.submittedAt.set(parsed.data.request_id, this.options.now());
		return toLookupStatus({
			...parsed.data,
			interaction_type: parsed.data.interaction_type || body.type,
		});
	}

	async getRequest(
		requestId: string,
		options: GetRequestOptions & Pick<CallContext, 'deadline'> = {},
	): Promise<LookupStatus> {
		const id = checkRequestId(requestId);
		const context: CallContext = {
			requestId: id,
			deadline: options.deadline,
			roomBy: options.deadline ?? this.deadlineIn(),
			signal: options.signal,
		};
		const waitUntil = this.options.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
		for (let recheck = 0; ; recheck++) {
			const read = await settle(() => this.readRequest(id, context));
			if (read.ok) return read.value;
			const young = options.waitWhileYoung
				? this.youngNotFoundMs(id, read.error, options.submittedAt)
				: 0;
			const step = YOUNG_RECHECK_MS[Math.min(recheck, YOUNG_RECHECK_MS.length - 1)] ?? 0;
			const wait = Math.min(step, young, waitUntil - this.options.now());
			if (wait <= 0) throw read.error;
			await this.api.pause(wait, context);
		}
	}

	private async readRequest(id: string, context: CallContext): Promise<LookupStatus> {
		const data = await this.api.send(
			'GET',
			apiUrl(this.baseUrl, INTERACTIONS_PATH, { request_id: id }),
			context,
		);
		const parsed = requestStatusDataSchema.safeParse(data);
		if (!parsed.success)
			throw new NyneApiError('invalid_response', {
				httpStatus: 200,
				retryable: true,
				requestId: id,
			});
		return toLookupStatus(parsed.data, { secrets: this.api.secrets });
	}

	/**
	 * Polls until the lookup completes or fails; throws `timeout` (with the request ID) at the deadline.
	 * Polls are timed from the submit, so a lookup collected late (after others in a batch) is asked at once.
	 */
	async waitForResult(requestId: string, options: WaitOptions = {}): Promise<FinishedLookup> {
		const id = checkRequestId(requestId);
		const { now } = this.options;
		const deadline = now() + (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
		const context: CallContext = { requestId: id, deadline, signal: options.signal };
		const submittedAt = this.submittedAt.get(id) ?? options.submittedAt;
		const since = submittedAt ?? now();
		let nextPollAt = submittedAt === undefined ? since : since + nextPollDelayMs(0, this.random);
		let strays = 0;
		for (;;) {
			const wait = nextPollAt - now();
			if (wait > 0) await this.api.pause(wait, context, true);
			const polled = await settle(() => this.getRequest(id, context));
			if (polled.ok && isFinished(polled.value)) {
				this.submittedAt.delete(id);
				return polled.value;
			}
			if (!polled.ok) {
				const meaning = this.notFoundMeaning(id, polled.error, { submittedAt, strays });
				if (meaning === undefined || meaning === 'gone') throw polled.error;
				if (meaning === 'stray') strays++;
			}
			const polledAt = now();
			if (polledAt >= deadline) throw new NyneApiError('timeout', { requestId: id });
			nextPollAt = polledAt + nextPollDelayMs(polledAt - since, this.random);
		}
	}

	async getUsage(): Promise<Usage> {
		const data = await this.api.send('GET', apiUrl(this.baseUrl, USAGE_PATH), {
			roomBy: this.deadlineIn(),
		});
		const parsed = usageDataSchema.safeParse(data);
		if (!parsed.success) throw new NyneApiError('invalid_response', { httpStatus: 200 });
		return parsed.data;
	}

	/**
	 * What `error` means for the lookup (see notFoundMeaning, the one 404 rule), undefined when it is no 404.
	 * The lookup counts as known when this client submitted it or the caller says when it was started.
	 */
	notFoundMeaning(
		requestId: string,
		error: unknown,
		known: { submittedAt?: number; strays?: number } = {},
	): NotFoundMeaning | undefined {
		if (!isNotFound(error)) return undefined;
		const id = requestId.trim();
		return notFoundMeaning(id, this.options.now(), {
			submittedAt: this.submittedAt.get(id) ?? known.submittedAt,
			strays: known.strays,
		});
	}

	/**
	 * How much longer a 404 may mean "not visible yet" (the one 404 rule), in ms; 0 when it means what it says
	 * or is no 404. The creation time is this client's own submit, else the caller's `submittedAt` (a trigger's
	 * state, a Zapier bundle), else the Unix seconds at the end of the request ID.
	 */
	private youngNotFoundMs(id: string, error: unknown, submittedAt?: number): number {
		if (!isNotFound(error)) return 0;
		return youngForMs(id, this.options.now(), this.submittedAt.get(id) ?? submittedAt);
	}

	/** How long a call may wait for rate-limit room: `timeoutMs` from now, else the client's `maxWaitMs`. */
	private deadlineIn(timeoutMs?: number): number {
		return this.options.now() + (timeoutMs ?? this.maxWaitMs);
	}
}
