import { Accounts, DEFAULT_KEY } from './accounts';
import { CallbackDispatcher } from './callbacks';
import { ChurnBook } from './churn';
import { FaultPlan } from './faults';
import { clampJobDuration, DEFAULT_JOB_DURATION_MS, JobStore } from './jobs';
import { relationKeys } from './people';
import { Clock, TimerBag } from './timers';
import type { ApiEdition, SandboxControl, SandboxOptions, SandboxStats } from './types';

function emptyStats(): SandboxStats {
	return {
		requests: 0,
		byEndpoint: {},
		submissions: 0,
		submissionsByTarget: {},
		status429: 0,
		status5xx: 0,
		creditsUsed: 0,
		creditsByKey: {},
		acceptedPerMinuteWindow: {},
		callbacksDelivered: 0,
		jobs: 0,
	};
}

/** All sandbox state, and the control surface over it. The HTTP layer sits on top. */
export class SandboxCore {
	readonly clock: Clock;
	readonly timers = new TimerBag();
	readonly accounts: Accounts;
	readonly faults = new FaultPlan();
	readonly churnBook = new ChurnBook();
	readonly callbacks: CallbackDispatcher;
	readonly jobs: JobStore;
	readonly early404Ms: number;
	readonly edition: ApiEdition;
	readonly log: (line: string) => void;
	private counters = emptyStats();

	constructor(private readonly options: SandboxOptions) {
		const timeScale = options.timeScale ?? 1;
		if (!(timeScale > 0)) throw new Error('timeScale must be a positive number');
		this.clock = new Clock(timeScale);
		this.log = options.log ?? (() => undefined);
		this.early404Ms = options.early404Ms ?? 0;
		this.edition = options.apiEdition ?? 'current';
		const keys = options.keys && options.keys.length > 0 ? options.keys : [DEFAULT_KEY];
		this.accounts = new Accounts(keys, options.rateLimit, timeScale);
		this.callbacks = new CallbackDispatcher(this.clock, this.timers, this.faults, this.log);
		this.jobs = new JobStore(
			this.clock,
			this.timers,
			this.churnBook,
			this.callbacks,
			(apiKey, credits) => this.accounts.charge(apiKey, credits),
			options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS,
		);
	}

	count(field: 'status429' | 'status5xx' | 'submissions' | 'requests'): void {
		this.counters[field] += 1;
	}

	countKey(field: 'byEndpoint' | 'submissionsByTarget', key: string): void {
		this.counters[field][key] = (this.counters[field][key] ?? 0) + 1;
	}

	stop(): void {
		this.timers.clearAll();
		this.callbacks.stop();
	}

	readonly control: SandboxControl = {
		injectFault: (fault) => this.faults.inject(fault),
		setRandomFaults: (spec) => this.faults.setRandom(spec),
		setJobDurationMs: (ms) => {
			this.jobs.duration = typeof ms === 'number' ? clampJobDuration(ms) : ms;
		},
		churn: (platform, username, change) => {
			this.churnBook.apply(
				platform,
				username,
				change,
				(relation, limit) => relationKeys(platform, username, relation, this.churnBook, limit).keys,
			);
		},
		addReplies: (postId, count) => this.churnBook.addReplies(postId, count),
		stats: () => ({
			...this.counters,
			byEndpoint: { ...this.counters.byEndpoint },
			submissionsByTarget: { ...this.counters.submissionsByTarget },
			creditsUsed: this.accounts.totalCreditsUsed(),
			creditsByKey: this.accounts.ledger(),
			acceptedPerMinuteWindow: this.accounts.minuteWindows(),
			callbacksDelivered: this.callbacks.delivered,
			jobs: this.jobs.size,
		}),
		reset: () => {
			this.stop();
			this.callbacks.reset();
			this.jobs.clear();
			this.jobs.duration = this.options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS;
			this.faults.clear();
			this.churnBook.clear();
			this.accounts.reset();
			this.counters = emptyStats();
		},
		callbacks: () => this.callbacks.deliveries(),
	};
}
