import { authHeaders } from './authHeaders.js';
import { NyneApiError } from './errors.js';
import {
	apiErrorFromResponse,
	describeTransportFailure,
	failedBeforeSending,
	mayResendPost,
} from './httpErrors.js';
import { retryDelayMs } from './pollPolicy.js';
import type { Now, Sleep, Transport, TransportResponse } from './ports.js';
import type { RateLimitCode, RateLimiter } from './rateLimiter.js';
import { settle } from './settle.js';
import { successEnvelopeSchema } from './schemas.js';

export interface CallContext {
	requestId?: string;
	/** No wait of the call (rate limit, retry, poll) ends after this. */
	deadline?: number;
	/** A rate limit that resets after this fails the call at once; `deadline` when unset. */
	roomBy?: number;
	signal?: AbortSignal;
}

export interface ApiCallDeps {
	apiKey: string;
	apiSecret: string;
	/** false: the platform writes the key pair itself (see NyneClientOptions.signRequests). */
	signRequests: boolean;
	transport: Transport;
	/** Bounded (see boundedSleep): no single wait is longer than a timer holds. */
	sleep: Sleep;
	now: Now;
	random: () => number;
	limiter: RateLimiter | false;
	maxRetries: number;
}

/**
 * One HTTP exchange with Nyne, as the client needs it: a slot from the limiter, retries with backoff for
 * what may be retried, never a blind resend of a POST whose fate is unknown, and the success envelope's data.
 */
export class ApiCall {
	constructor(private readonly deps: ApiCallDeps) {}

	get secrets(): string[] {
		return [this.deps.apiKey, this.deps.apiSecret];
	}

	async send(
		method: 'GET' | 'POST',
		url: string,
		context: CallContext,
		body?: unknown,
	): Promise<unknown> {
		const { apiKey, apiSecret, transport, now, limiter, maxRetries, random } = this.deps;
		if (!apiKey || !apiSecret) throw new NyneApiError('missing_credentials');
		for (let attempt = 0; ; attempt++) {
			await this.takeSlot(context);
			const sent = await settle(() =>
				transport({
					method,
					url,
					headers: {
						...(this.deps.signRequests ? authHeaders(apiKey, apiSecret) : {}),
						accept: 'application/json',
						...(body === undefined ? {} : { 'content-type': 'application/json' }),
					},
					...(body === undefined ? {} : { body }),
				}),
			);
			if (!sent.ok) {
				const { error } = sent;
				if (limiter) limiter.release();
				if (context.signal?.aborted)
					throw new NyneApiError('aborted', { requestId: context.requestId });
				const reason = describeTransportFailure(error, this.secrets);
				if (method === 'POST' && !failedBeforeSending(error))
					throw new NyneApiError('submission_unknown', { serverMessage: reason });
				const failure = new NyneApiError('network_error', {
					serverMessage: reason,
					retryable: true,
					requestId: context.requestId,
				});
				if (attempt >= maxRetries) throw failure;
				await this.pauseToRetry(retryDelayMs(attempt, random), context, failure);
				continue;
			}
			const response: TransportResponse = sent.value;
			const error =
				response.status >= 200 && response.status < 300
					? undefined
					: apiErrorFromResponse(response, now(), this.secrets, context.requestId);
			if (limiter) limiter.observe(response.headers, now(), response.status, error?.code);
			if (!error) {
				const envelope = successEnvelopeSchema.safeParse(response.body);
				if (envelope.success) return envelope.data.data;
				if (method === 'POST')
					throw new NyneApiError('submission_unknown', { httpStatus: response.status });
				const failure = new NyneApiError('invalid_response', {
					httpStatus: response.status,
					retryable: true,
					requestId: context.requestId,
				});
				if (attempt >= maxRetries) throw failure;
				await this.pauseToRetry(retryDelayMs(attempt, random), context, failure);
				continue;
			}
			if (method === 'POST' && error.retryable && !mayResendPost(error)) {
				throw new NyneApiError('submission_unknown', {
					httpStatus: error.httpStatus,
					serverMessage: error.serverMessage,
				});
			}
			const mayRetry = error.retryable && attempt < maxRetries;
			if (!mayRetry) throw error;
			const wait = error.retryAfterMs ?? retryDelayMs(attempt, random);
			if (response.status === 429) this.failUnlessRoomInTime(wait, 'rate_limited', context);
			await this.pauseToRetry(wait, context, error, error.retryAfterMs !== undefined);
		}
	}

	/**
	 * A retry's wait, bounded by the call's allowance (`roomBy`, else `deadline`). A wait Nyne asked for
	 * (Retry-After) that ends after it fails the call at once, saying when Nyne answers again; a backoff of the
	 * client's own ends at the deadline as a timeout (pause), or, with no deadline, fails with the error at hand.
	 */
	private async pauseToRetry(
		wait: number,
		context: CallContext,
		error: NyneApiError,
		serverSaid = false,
	): Promise<void> {
		const now = this.deps.now();
		const by = context.roomBy ?? context.deadline;
		if (by !== undefined && now + wait > by) {
			if (serverSaid)
				throw new NyneApiError('unavailable', {
					httpStatus: error.httpStatus,
					retryable: true,
					retryAfterMs: wait,
					resetAt: now + wait,
					requestId: context.requestId,
					serverMessage: error.serverMessage,
				});
			if (context.deadline === undefined) throw error;
		}
		await this.pause(wait, context);
	}

	/** Sleeps, but never past the deadline: a wait that would end after it ends it (polls get one last look at the deadline). */
	async pause(ms: number, context: CallContext, lastLookAtDeadline = false): Promise<void> {
		const { now, sleep } = this.deps;
		let wait = ms;
		if (context.deadline !== undefined) {
			const left = context.deadline - now();
			if (left <= 0 || (!lastLookAtDeadline && ms > left))
				throw new NyneApiError('timeout', { requestId: context.requestId });
			wait = Math.min(ms, left);
		}
		if (context.signal?.aborted)
			throw new NyneApiError('aborted', { requestId: context.requestId });
		const slept = await settle(() => sleep(wait, context.signal));
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

	private async takeSlot(context: CallContext): Promise<void> {
		const { limiter } = this.deps;
		if (!limiter) return;
		for (;;) {
			const now = this.deps.now();
			const wait = limiter.reserve(now);
			if (wait <= 0) return;
			this.failUnlessRoomInTime(wait, limiter.blockReason(now), context);
			await this.pause(wait, context);
		}
	}

	/** A rate limit that resets after the call's deadline fails now, saying when it resets, instead of waiting. */
	private failUnlessRoomInTime(wait: number, code: RateLimitCode, context: CallContext): void {
		const now = this.deps.now();
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
}
