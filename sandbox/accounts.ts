import { DEFAULT_RATE_LIMIT, KeyRateLimiter, monthStart, nextMonthStart } from './rateLimit';
import { timestamp } from './envelope';
import type { RateLimitOptions, SandboxKey } from './types';

export const DEFAULT_KEY: SandboxKey = {
	apiKey: 'nyne_sandbox_key',
	apiSecret: 'nyne_sandbox_secret',
};
export const DEFAULT_CREDITS = 100_000;

export interface Account {
	key: SandboxKey;
	startCredits: number;
	creditsUsed: number;
	requests: number;
	interactionRequests: number;
	limiter?: KeyRateLimiter;
}

/** Per-key bookkeeping: credits, request counts, rate-limit windows. */
export class Accounts {
	private readonly byKey = new Map<string, Account>();

	constructor(
		readonly keys: SandboxKey[],
		rateLimit: RateLimitOptions | false | undefined,
		timeScale: number,
	) {
		for (const key of keys) {
			const limiter =
				rateLimit === false
					? undefined
					: new KeyRateLimiter({ ...DEFAULT_RATE_LIMIT, ...rateLimit }, timeScale);
			this.byKey.set(key.apiKey, {
				key,
				startCredits: key.credits ?? DEFAULT_CREDITS,
				creditsUsed: 0,
				requests: 0,
				interactionRequests: 0,
				limiter,
			});
		}
	}

	get(apiKey: string): Account {
		const account = this.byKey.get(apiKey);
		if (!account) throw new Error('unknown key');
		return account;
	}

	creditsLeft(account: Account): number {
		return Math.max(0, account.startCredits - account.creditsUsed);
	}

	charge(apiKey: string, credits: number): void {
		this.get(apiKey).creditsUsed += credits;
	}

	totalCreditsUsed(): number {
		let total = 0;
		for (const account of this.byKey.values()) total += account.creditsUsed;
		return total;
	}

	/** Credits charged per API key. */
	ledger(): Record<string, number> {
		const ledger: Record<string, number> = {};
		for (const [apiKey, account] of this.byKey) ledger[apiKey] = account.creditsUsed;
		return ledger;
	}

	/** Requests each rate-limited key had accepted in each of its minute windows, oldest first. */
	minuteWindows(): Record<string, number[]> {
		const windows: Record<string, number[]> = {};
		for (const [apiKey, account] of this.byKey)
			if (account.limiter) windows[apiKey] = account.limiter.acceptedPerMinuteWindow();
		return windows;
	}

	reset(): void {
		for (const account of this.byKey.values()) {
			account.creditsUsed = 0;
			account.requests = 0;
			account.interactionRequests = 0;
			account.limiter?.reset();
		}
	}

	usage(account: Account, now: number = Date.now()): Record<string, unknown> {
		return {
			credits_used: account.creditsUsed,
			credits_remaining: this.creditsLeft(account),
			monthly_allocation: account.startCredits,
			requests_this_month: account.requests,
			billing_cycle_start: timestamp(monthStart(now)),
			billing_cycle_end: timestamp(nextMonthStart(now)),
			breakdown: {
				person_interactions: {
					requests: account.interactionRequests,
					credits_used: account.creditsUsed,
				},
			},
		};
	}
}
