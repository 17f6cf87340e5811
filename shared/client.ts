import {
	DEFAULT_BASE_URL,
	DEFAULT_MAX_RETRIES,
	DEFAULT_WAIT_TIMEOUT_MS,
	LATE_NOT_FOUND_FORGIVEN,
	INTERACTIONS_PATH,
	MAX_TIMER_MS,
	REQUEST_ID_MAX_LENGTH,
	USAGE_PATH,
} from './constants.js';
import { authHeaders } from './authHeaders.js';
import { NyneApiError, NyneValidationError } from './errors.js';
import { isLoopbackHost } from './hostReach.js';
import {
	apiErrorFromResponse,
	describeTransportFailure,
	failedBeforeSending,
	mayResendPost,
} from './httpErrors.js';
import { toLookupOutcome, toRequestStatus } from './lookupOutcome.js';
import { lookupFailure } from './lookupView.js';
import { nextPollDelayMs, retryDelayMs } from './pollPolicy.js';
import { isYoungRequest, youngForMs } from './requestAge.js';
import type { Now, Sleep, Transport, TransportResponse } from './ports.js';
import { RateLimiter, type RateLimitCode } from './rateLimiter.js';
import { settle } from './settle.js';
import {
	interactionRequestBodySchema,
	requestStatusDataSchema,
	submitDataSchema,
	successEnvelopeSchema,
	usageDataSchema,
} from './schemas.js';
import type {
	CompletedLookup,
	InteractionRequestBody,
	LookupOutcome,
	RequestStatus,
	SubmittedRequest,
	Usage,
} from './types.js';

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
	 * read) may wait for rate-limit room, in milliseconds; a limit that resets later fails the call at once.
	 */
	maxWaitMs?: number;
	/**
	 * Whether the client writes the key pair onto each request (default true). A platform that signs requests
	 * itself (n8n's credential, Zapier's beforeRequest middleware) sets false, so the pair is set in one place.
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

interface CallContext {
	requestId?: string;
	/** No wait of the call (rate limit, retry, poll) ends after this. */
	deadline?: number;
	/** A rate limit that resets after this fails the call at once; `deadline` when unset. */
	roomBy?: number;
	signal?: AbortSignal;
}

/** Young-404 rechecks: 1 s, 2 s, 4 s, then every 5 s while the request stays young. */
const YOUNG_RECHECK_MS = [1_000, 2_000, 4_000, 5_000];

/** The credential's base URL, checked: https (http only on this machine), no user-info, query or fragment. */
export function normalizeBaseUrl(value: string | undefined): string {
	const raw = (value ?? '').trim() || DEFAULT_BASE_URL;
	const refuse = (why: string): never => {
		throw new NyneValidationError(
			'invalid_base_url',
			`The base URL ${why}. Use ${DEFAULT_BASE_URL}, or your local sandbox's address such as http://127.0.0.1:8787.`,
			'base_url',
		);
	};
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return refuse('is not a URL');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('must start with https://');
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
		refuse(
			'must start with https:// (http:// is allowed only for a sandbox on this machine: localhost, 127.0.0.1 or [::1])',
		);
	if (url.username || url.password)
		refuse(
			'must not contain a user name or password (the API key and secret go in their own fields)',
		);
	if (raw.includes('?') || raw.includes('#'))
		refuse('must not contain a query (?…) or a fragment (#…)');
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export class NyneClient {
	readonly baseUrl: string;
	private readonly limiter: RateLimiter | false;
	private readonly random: () => number;
	private readonly maxRetries: number;
	private readonly maxWaitMs: number;
	private readonly submittedAt = new Map<string, number>();

	constructor(private readonly options: NyneClientOptions) {
		this.baseUrl = normalizeBaseUrl(options.baseUrl);
		this.limiter = options.limiter === undefined ? new RateLimiter() : options.limiter;
		this.random = options.random ?? Math.random;
		this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
		this.maxWaitMs = options.maxWaitMs ?? DEFAULT_WAIT_TIMEOUT_MS;
	}

	async submit(
		body: InteractionRequestBody,
		options: SubmitOptions = {},
	): Promise<SubmittedRequest> {
		const checked = interactionRequestBodySchema.safeParse(body);
		if (!checked.success) {
			throw new NyneValidationError(
				'missing_parameters',
				'The lookup is incomplete: build it with buildInteractionRequest so it is checked before sending.',
			);
		}
		const data = await this.call(
			'POST',
			this.urlFor(INTERACTIONS_PATH),
			{ signal: options.signal, roomBy: this.deadlineIn(options.timeoutMs) },
			checked.data,
		);
		const parsed = submitDataSchema.safeParse(data);
		if (!parsed.success) throw new NyneApiError('submission_unknown', { httpStatus: 202 });
		this.submittedAt.set(parsed.data.request_id, this.options.now());
		return {
			requestId: parsed.data.request_id,
			status: parsed.data.status,
			interactionType: parsed.data.interaction_type,
			platform: parsed.data.platform,
			createdOn: parsed.data.created_on,
		};
	}

	async getRequest(
		requestId: string,
		options: GetRequestOptions & Pick<CallContext, 'deadline'> = {},
	): Promise<RequestStatus> {
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
			const wait = options.waitWhileYoung
				? this.youngNotFoundWait(id, read.error, recheck, waitUntil, options.submittedAt)
				: 0;
			if (wait <= 0) throw read.error;
			await this.pause(wait, context);
		}
	}

	private async readRequest(id: string, context: CallContext): Promise<RequestStatus> {
		const data = await this.call(
			'GET',
			this.urlFor(INTERACTIONS_PATH, { request_id: id }),
			context,
		);
		const parsed = requestStatusDataSchema.safeParse(data);
		if (!parsed.success)
			throw new NyneApiError('invalid_response', {
				httpStatus: 200,
				retryable: true,
				requestId: id,
			});
		return toRequestStatus(parsed.data, this.secrets);
	}

	/** How long to wait before asking again after a 404 for a young request (0: do not ask again). */
	private youngNotFoundWait(
		id: string,
		error: unknown,
		recheck: number,
		waitUntil: number,
		submittedAt?: number,
	): number {
		if (!(error instanceof NyneApiError) || error.code !== 'request_not_found') return 0;
		const now = this.options.now();
		const young = youngForMs(id, now, this.submittedAt.get(id) ?? submittedAt);
		const step = YOUNG_RECHECK_MS[Math.min(recheck, YOUNG_RECHECK_MS.length - 1)] ?? 0;
		return young <= 0 ? 0 : Math.max(0, Math.min(step, young, waitUntil - now));
	}

	/**
	 * Polls until the lookup completes or fails; throws `timeout` (with the request ID) at the deadline.
	 * Polls are timed from the submit, so a lookup collected late (after others in a batch) is asked at once.
	 */
	async waitForResult(requestId: string, options: WaitOptions = {}): Promise<LookupOutcome> {
		const id = checkRequestId(requestId);
		const { now } = this.options;
		const deadline = now() + (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
		const context: CallContext = { requestId: id, deadline, signal: options.signal };
		const submittedAt = this.submittedAt.get(id) ?? options.submittedAt;
		const since = submittedAt ?? now();
		let nextPollAt = submittedAt === undefined ? since : since + nextPollDelayMs(0, this.random);
		let lateNotFound = 0;
		for (;;) {
			const wait = nextPollAt - now();
			if (wait > 0) await this.pause(wait, context, true);
			const polled = await settle(() => this.getRequest(id, context));
			if (!polled.ok && !this.forgivesNotFound(id, polled.error, submittedAt, () => ++lateNotFound))
				throw polled.error;
			const status: RequestStatus | undefined = polled.ok ? polled.value : undefined;
			const outcome = status && toLookupOutcome(status);
			if (outcome) {
				this.submittedAt.delete(id);
				return outcome;
			}
			const polledAt = now();
			if (polledAt >= deadline) throw new NyneApiError('timeout', { requestId: id });
			nextPollAt = polledAt + nextPollDelayMs(polledAt - since, this.random);
		}
	}

	/** Submit and wait; a failed lookup throws `lookup_failed`. */
	async fetchInteractions(
		body: InteractionRequestBody,
		options: WaitOptions = {},
	): Promise<CompletedLookup> {
		const submitted = await this.submit(body, {
			signal: options.signal,
			timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
		});
		const outcome = await this.waitForResult(submitted.requestId, options);
		if (outcome.status === 'failed') throw lookupFailure(outcome.requestId, outcome.error);
		return outcome;
	}

	async getUsage(): Promise<Usage> {
		const data = await this.call('GET', this.urlFor(USAGE_PATH), { roomBy: this.deadlineIn() });
		const parsed = usageDataSchema.safeParse(data);
		if (!parsed.success) throw new NyneApiError('invalid_response', { httpStatus: 200 });
		return parsed.data;
	}

	/**
	 * The one 404 rule: right after a request is created Nyne may not know it yet, so a 404 then means
	 * "not visible yet". The creation time is this client's own submit, else the caller's `submittedAt`
	 * (a trigger's state, a Zapier bundle), else the Unix seconds at the end of the request ID.
	 */
	isEarlyNotFound(requestId: string, error: unknown, submittedAt?: number): boolean {
		if (!(error instanceof NyneApiError) || error.code !== 'request_not_found') return false;
		const id = requestId.trim();
		return isYoungRequest(id, this.options.now(), this.submittedAt.get(id) ?? submittedAt);
	}

	/** Beyond the early 404s, a lookup known to exist is forgiven a few stray ones, so one 404 must not lose its result. */
	private forgivesNotFound(
		id: string,
		error: unknown,
		submittedAt: number | undefined,
		countLate: () => number,
	): boolean {
		if (this.isEarlyNotFound(id, error, submittedAt)) return true;
		if (
			!(error instanceof NyneApiError) ||
			error.code !== 'request_not_found' ||
			submittedAt === undefined
		)
			return false;
		return countLate() <= LATE_NOT_FOUND_FORGIVEN;
	}

	/** A request URL under the base URL (which may have a path of its own), resolved by `URL`. */
	private urlFor(path: string, query: Record<string, string> = {}): string {
		const url = new URL(path.replace(/^\/+/, ''), `${this.baseUrl}/`);
		for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
		return url.toString();
	}

	private get secrets(): string[] {
		return [this.options.apiKey, this.options.apiSecret];
	}

	private async call(
		method: 'GET' | 'POST',
		url: string,
		context: CallContext,
		body?: unknown,
	): Promise<unknown> {
		const { apiKey, apiSecret, transport, now } = this.options;
		if (!apiKey || !apiSecret) throw new NyneApiError('missing_credentials');
		for (let attempt = 0; ; attempt++) {
			await this.takeSlot(context);
			const sent = await settle(() =>
				transport({
					method,
					url,
					headers: {
						...(this.options.signRequests === false ? {} : authHeaders(apiKey, apiSecret)),
						accept: 'application/json',
						...(body === undefined ? {} : { 'content-type': 'application/json' }),
					},
					...(body === undefined ? {} : { body }),
				}),
			);
			if (!sent.ok) {
				const { error } = sent;
				if (this.limiter) this.limiter.release();
				if (context.signal?.aborted)
					throw new NyneApiError('aborted', { requestId: context.requestId });
				const reason = describeTransportFailure(error, this.secrets);
				if (method === 'POST' && !failedBeforeSending(error))
					throw new NyneApiError('submission_unknown', { serverMessage: reason });
				if (attempt >= this.maxRetries)
					throw new NyneApiError('network_error', {
						serverMessage: reason,
						retryable: true,
						requestId: context.requestId,
					});
				await this.pause(retryDelayMs(attempt, this.random), context);
				continue;
			}
			const response: TransportResponse = sent.value;
			const error =
				response.status >= 200 && response.status < 300
					? undefined
					: apiErrorFromResponse(response, now(), this.secrets, context.requestId);
			if (this.limiter) this.limiter.observe(response.headers, now(), response.status, error?.code);
			if (!error) {
				const envelope = successEnvelopeSchema.safeParse(response.body);
				if (envelope.success) return envelope.data.data;
				if (method === 'POST')
					throw new NyneApiError('submission_unknown', { httpStatus: response.status });
				if (attempt >= this.maxRetries)
					throw new NyneApiError('invalid_response', {
						httpStatus: response.status,
						retryable: true,
						requestId: context.requestId,
					});
				await this.pause(retryDelayMs(attempt, this.random), context);
				continue;
			}
			if (method === 'POST' && error.retryable && !mayResendPost(error)) {
				throw new NyneApiError('submission_unknown', {
					httpStatus: error.httpStatus,
					serverMessage: error.serverMessage,
				});
			}
			const mayRetry = error.retryable && attempt < this.maxRetries;
			if (!mayRetry) throw error;
			const wait = error.retryAfterMs ?? retryDelayMs(attempt, this.random);
			if (response.status === 429) this.failUnlessRoomInTime(wait, 'rate_limited', context);
			await this.pause(wait, context);
		}
	}

	private async takeSlot(context: CallContext): Promise<void> {
		if (!this.limiter) return;
		for (;;) {
			const now = this.options.now();
			const wait = this.limiter.reserve(now);
			if (wait <= 0) return;
			this.failUnlessRoomInTime(wait, this.limiter.blockReason(now), context);
			await this.pause(wait, context);
		}
	}

	/** A rate limit that resets after the call's deadline fails now, saying when it resets, instead of waiting. */
	private failUnlessRoomInTime(wait: number, code: RateLimitCode, context: CallContext): void {
		const now = this.options.now();
		const by = context.roomBy ?? context.deadline;
		if (by === undefined || now + wait <= by) return;
		throw new NyneApiError(code, {
			httpStatus: 429,
			retryable: code === 'rate_limited',
			retryAfterMs: wait,
			resetAt: now + wait,
			requestId: context.requestId,
		});
	}

	/** How long a call may wait for rate-limit room: `timeoutMs` from now, else the client's `maxWaitMs`. */
	private deadlineIn(timeoutMs?: number): number {
		return this.options.now() + (timeoutMs ?? this.maxWaitMs);
	}

	/** Sleeps, but never past the deadline: a wait that would end after it ends it (polls get one last look at the deadline). */
	private async pause(ms: number, context: CallContext, lastLookAtDeadline = false): Promise<void> {
		const { now, sleep } = this.options;
		let wait = ms;
		if (context.deadline !== undefined) {
			const left = context.deadline - now();
			if (left <= 0 || (!lastLookAtDeadline && ms > left))
				throw new NyneApiError('timeout', { requestId: context.requestId });
			wait = Math.min(ms, left);
		}
		if (context.signal?.aborted)
			throw new NyneApiError('aborted', { requestId: context.requestId });
		// A timer longer than MAX_TIMER_MS fires at once, so a long wait is slept in pieces.
		const slept = await settle(async () => {
			for (let left = wait; left > 0; left -= MAX_TIMER_MS) {
				await sleep(Math.min(left, MAX_TIMER_MS), context.signal);
				if (context.signal?.aborted) break;
			}
		});
		if (!slept.ok) {
			const { error } = slept;
			// Only a real cancellation is `aborted`; any other failure of the wait is reported as what it is.
			if (context.signal?.aborted)
				throw new NyneApiError('aborted', { requestId: context.requestId });
			const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
			throw new NyneApiError('wait_failed', { requestId: context.requestId, serverMessage: cause });
		}
		if (context.signal?.aborted)
			throw new NyneApiError('aborted', { requestId: context.requestId });
	}
}

function checkRequestId(requestId: string): string {
	const id = typeof requestId === 'string' ? requestId.trim() : '';
	if (id === '')
		throw new NyneValidationError(
			'invalid_request_id',
			'The request ID is empty. Use the request_id returned when the lookup was started.',
			'request_id',
		);
	if (id.length > REQUEST_ID_MAX_LENGTH || /[\s/?#&]/.test(id)) {
		throw new NyneValidationError(
			'invalid_request_id',
			`"${id.slice(0, 60)}" is not a Nyne request ID (they look like interaction_abc123def456_1234567890).`,
			'request_id',
		);
	}
	return id;
}
