import http from 'node:http';
import https from 'node:https';
import type { FaultPlan } from './faults';
import { oddResult } from './oddResult';
import type { Clock, TimerBag } from './timers';
import type { CallbackDelivery } from './types';

/** API-time delays before retries 1..5, after the first attempt. */
export const CALLBACK_RETRY_DELAYS_MS = [1_000, 5_000, 15_000, 60_000, 300_000];
export const CALLBACK_TIMEOUT_MS = 30_000;
/** Real-time floor for an attempt's timeout: at tiny time scales 30 s would shrink below a loaded machine's response time. */
export const MIN_REAL_TIMEOUT_MS = 500;
export const OUT_OF_ORDER_DELAY_MS = 5_000;
export const LOOPBACK_ONLY = 'sandbox delivers callbacks to loopback only';

export function isLoopbackUrl(raw: string): boolean {
	try {
		const host = new URL(raw).hostname.toLowerCase();
		return (
			host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
		);
	} catch {
		return false;
	}
}

/** POSTs job results to callback URLs with the documented retry policy (scaled by the time scale). */
export class CallbackDispatcher {
	private entries: CallbackDelivery[] = [];
	private readonly inflight = new Set<http.ClientRequest>();
	private epoch = 0;
	delivered = 0;

	constructor(
		private readonly clock: Clock,
		private readonly timers: TimerBag,
		private readonly faults: FaultPlan,
		private readonly log: (line: string) => void,
	) {}

	deliveries(): CallbackDelivery[] {
		return this.entries.map((e) => ({ ...e }));
	}

	/** Abandon every chain in progress (their timers are cleared by the owner of the TimerBag). */
	stop(): void {
		this.epoch += 1;
		for (const req of this.inflight) req.destroy();
		this.inflight.clear();
	}

	reset(): void {
		this.stop();
		this.entries = [];
		this.delivered = 0;
	}

	send(requestId: string, url: string, payload: unknown): void {
		const fault = this.faults.forCallback();
		const data = (payload as { data?: unknown }).data;
		const body = JSON.stringify(
			fault?.kind === 'odd_result' && data !== undefined
				? { ...(payload as object), data: oddResult(data, fault) }
				: payload,
		);
		const duplicate = fault?.kind === 'duplicate_callback';
		const run = () =>
			this.chain(
				requestId,
				url,
				body,
				false,
				() => duplicate && this.chain(requestId, url, body, true, () => undefined),
			);
		if (fault?.kind === 'out_of_order_callback') {
			this.timers.after(this.clock.realMs(fault.delayMs ?? OUT_OF_ORDER_DELAY_MS), run);
		} else {
			run();
		}
	}

	private chain(
		requestId: string,
		url: string,
		body: string,
		duplicate: boolean,
		done: () => void,
	): void {
		const epoch = this.epoch;
		if (!isLoopbackUrl(url)) {
			this.entries.push({
				requestId,
				url,
				attempt: 1,
				error: LOOPBACK_ONLY,
				at: Date.now(),
				...(duplicate ? { duplicate } : {}),
			});
			this.log(`callback ${requestId} not sent: ${LOOPBACK_ONLY}`);
			done();
			return;
		}
		const attempt = (n: number): void => {
			if (epoch !== this.epoch) return;
			const entry: CallbackDelivery = {
				requestId,
				url,
				attempt: n,
				at: Date.now(),
				...(duplicate ? { duplicate } : {}),
			};
			this.entries.push(entry);
			this.post(url, body).then(
				(status) => {
					entry.status = status;
					if (epoch !== this.epoch) return;
					this.log(`callback ${requestId} attempt ${n} -> ${status}`);
					if (status >= 200 && status < 300) {
						this.delivered += 1;
						done();
					} else {
						retry(n);
					}
				},
				(error: Error) => {
					entry.error = error.message;
					if (epoch !== this.epoch) return;
					this.log(`callback ${requestId} attempt ${n} failed: ${error.message}`);
					retry(n);
				},
			);
		};
		const retry = (n: number): void => {
			const delay = CALLBACK_RETRY_DELAYS_MS[n - 1];
			if (delay === undefined) return done();
			this.timers.after(this.clock.realMs(delay), () => attempt(n + 1));
		};
		attempt(1);
	}

	private post(url: string, body: string): Promise<number> {
		return new Promise((resolve, reject) => {
			const target = new URL(url);
			const client = target.protocol === 'https:' ? https : http;
			const req = client.request(target, {
				method: 'POST',
				agent: false,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
					'User-Agent': 'nyne-sandbox',
				},
			});
			this.inflight.add(req);
			const timeout = this.timers.after(
				Math.max(MIN_REAL_TIMEOUT_MS, this.clock.realMs(CALLBACK_TIMEOUT_MS)),
				() => req.destroy(new Error('timeout')),
			);
			const finish = () => {
				this.timers.cancel(timeout);
				this.inflight.delete(req);
			};
			req.on('response', (res) => {
				res.resume();
				res.on('end', () => {
					finish();
					resolve(res.statusCode ?? 0);
				});
				res.on('error', (error) => {
					finish();
					reject(error);
				});
			});
			req.on('error', (error) => {
				finish();
				reject(error);
			});
			req.end(body);
		});
	}
}
