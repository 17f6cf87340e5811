import { randomBytes } from 'node:crypto';
import type { CallbackDispatcher } from './callbacks';
import type { ChurnBook } from './churn';
import { timestamp } from './envelope';
import { buildResult, type InteractionResult } from './people';
import type { Clock, TimerBag } from './timers';
import type { JobDuration } from './types';
import type { Submission } from './validation';

export const DEFAULT_JOB_DURATION_MS = 20_000;
/** Longest job, in API time: a day is plenty for any test, and keeps timers meaningful. */
export const MAX_JOB_DURATION_MS = 86_400_000;

export function clampJobDuration(ms: number): number {
	return Number.isFinite(ms) ? Math.min(MAX_JOB_DURATION_MS, Math.max(0, ms)) : MAX_JOB_DURATION_MS;
}
export const CREDITS_PER_LOOKUP = 3;
/** Share of the job's duration spent in `queued` before `processing`. */
const QUEUED_SHARE = 0.2;
const NO_DATA = 'No interaction data found';

export interface Job {
	id: string;
	apiKey: string;
	submission: Submission;
	createdAt: number;
	durationApiMs: number;
	outcome?: { result?: InteractionResult; error?: string; completedAt: number };
}

export function newRequestId(now: number = Date.now()): string {
	return `interaction_${randomBytes(6).toString('hex')}_${Math.floor(now / 1000)}`;
}

export class JobStore {
	private readonly jobs = new Map<string, Job>();

	constructor(
		private readonly clock: Clock,
		private readonly timers: TimerBag,
		private readonly churn: ChurnBook,
		private readonly callbacks: CallbackDispatcher,
		private readonly charge: (apiKey: string, credits: number) => void,
		public duration: JobDuration,
	) {}

	get size(): number {
		return this.jobs.size;
	}

	clear(): void {
		this.jobs.clear();
	}

	get(id: string): Job | undefined {
		return this.jobs.get(id);
	}

	create(apiKey: string, submission: Submission): Job {
		const { target, type } = submission;
		const info = {
			type,
			platform: target.platform,
			username: target.username,
			postId: target.postId,
		};
		const durationApiMs = clampJobDuration(
			typeof this.duration === 'function' ? this.duration(info) : this.duration,
		);
		const job: Job = {
			id: newRequestId(),
			apiKey,
			submission,
			createdAt: Date.now(),
			durationApiMs,
		};
		this.jobs.set(job.id, job);
		this.timers.after(this.clock.realMs(durationApiMs), () => this.finish(job));
		return job;
	}

	status(job: Job): 'queued' | 'processing' | 'completed' | 'failed' {
		if (!job.outcome) {
			const elapsed = this.clock.apiElapsed(job.createdAt);
			if (elapsed >= job.durationApiMs) this.finish(job);
			else return elapsed < job.durationApiMs * QUEUED_SHARE ? 'queued' : 'processing';
		}
		return job.outcome?.result ? 'completed' : 'failed';
	}

	/** Submission answer (202). */
	accepted(job: Job): Record<string, unknown> {
		return {
			request_id: job.id,
			status: 'queued',
			interaction_type: job.submission.type,
			platform: job.submission.target.platform,
			created_on: timestamp(job.createdAt),
		};
	}

	/** GET answer: every documented field for the job's current state. */
	view(job: Job): Record<string, unknown> {
		const status = this.status(job);
		const { submission } = job;
		const data: Record<string, unknown> = {
			request_id: job.id,
			status,
			interaction_type: submission.type,
			platform: submission.target.platform,
			social_media_url: submission.socialMediaUrl,
			max_results: submission.maxResults,
			created_on: timestamp(job.createdAt),
		};
		const outcome = job.outcome;
		if (outcome?.result) {
			Object.assign(data, {
				completed: true,
				result: outcome.result,
				result_count: outcome.result.interactions.length,
				completed_on: timestamp(outcome.completedAt),
			});
		} else if (outcome) {
			Object.assign(data, { error: outcome.error, completed_on: timestamp(outcome.completedAt) });
		}
		return data;
	}

	private finish(job: Job): void {
		if (job.outcome || this.jobs.get(job.id) !== job) return;
		const { submission } = job;
		const result = buildResult(
			submission.type,
			submission.target,
			submission.maxResults,
			this.churn,
		);
		job.outcome = result
			? { result, completedAt: Date.now() }
			: { error: NO_DATA, completedAt: Date.now() };
		if (result) this.charge(job.apiKey, CREDITS_PER_LOOKUP);
		if (!submission.callbackUrl) return;
		const base = {
			request_id: job.id,
			status: result ? 'completed' : 'failed',
			interaction_type: submission.type,
			platform: submission.target.platform,
		};
		const payload = result
			? { ...base, data: result, result_count: result.interactions.length }
			: { ...base, error: NO_DATA };
		this.callbacks.send(job.id, submission.callbackUrl, payload);
	}
}
