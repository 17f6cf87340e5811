import type { TransportRequest, TransportResponse } from '../../../shared';
import type { Follower, ModelProfile } from './modelProfile';

/** What goes wrong with one lookup, decided when it is started. */
export interface LookupGlitch {
	fate: 'ok' | 'empty' | 'null' | 'failed';
	/** 404s answered right after it was created (Nyne may not know it yet). */
	early404: number;
	/** 404s answered later, once it is known (within the core's allowance). */
	stray404: number;
}

export interface ModelJob {
	requestId: string;
	createdAt: number;
	/** The profile's list when the lookup ran, newest first, before Max Results. */
	snapshot: Follower[];
	/** Entries listed (cut to the effective Max Results). */
	listed: Follower[];
	glitch: LookupGlitch;
	early404Left: number;
	stray404Left: number;
	/** When a status read first answered it completed. */
	answeredAt?: number;
}

/** How long a lookup runs on the model's clock. */
export const JOB_MS = 5 * 60_000;
const ENVELOPE = { timestamp: '2025-01-15T10:30:00Z' };
const ok = (data: unknown, status = 200): TransportResponse => ({
	status,
	headers: {},
	body: { success: true, data, ...ENVELOPE },
});
const fail = (status: number, code: string): TransportResponse => ({
	status,
	headers: {},
	body: { success: false, error: { code, message: `${code} happened` }, ...ENVELOPE },
});

/** Nyne as the model profile shows it, on the model's clock, with the glitches the history asks for. */
export class VirtualNyne {
	readonly jobs: ModelJob[] = [];
	posts = 0;
	gets = 0;
	/** The glitch the next started lookup gets; the history sets it before each poll. */
	nextGlitch: LookupGlitch = { fate: 'ok', early404: 0, stray404: 0 };
	/** Refuse the next POST (Nyne answers 503 before creating anything). */
	refuseNextPost = false;

	constructor(
		private readonly profile: ModelProfile,
		private readonly now: () => number,
		private readonly maxListed: number,
		private readonly username = 'acme',
	) {}

	readonly transport = async (request: TransportRequest): Promise<TransportResponse> => {
		if (request.method === 'POST') return this.post();
		return this.get(new URL(request.url).searchParams.get('request_id') ?? '');
	};

	private post(): TransportResponse {
		this.posts += 1;
		if (this.refuseNextPost) {
			this.refuseNextPost = false;
			return fail(400, 'invalid_request');
		}
		const at = this.now();
		const requestId = `interaction_${(this.jobs.length + 1).toString(16).padStart(12, '0')}_${Math.floor(at / 1000)}`;
		const snapshot = this.profile.snapshot();
		const glitch = this.nextGlitch;
		this.jobs.push({
			requestId,
			createdAt: at,
			snapshot,
			listed: snapshot.slice(0, this.maxListed),
			glitch,
			early404Left: glitch.early404,
			stray404Left: glitch.stray404,
		});
		return ok(
			{
				request_id: requestId,
				status: 'queued',
				interaction_type: 'followers',
				platform: 'twitter',
			},
			202,
		);
	}

	private get(requestId: string): TransportResponse {
		this.gets += 1;
		const job = this.jobs.find((j) => j.requestId === requestId);
		if (!job) return fail(404, 'request_not_found');
		const age = this.now() - job.createdAt;
		if (job.early404Left > 0 && age < 20_000) {
			job.early404Left -= 1;
			return fail(404, 'request_not_found');
		}
		if (job.stray404Left > 0 && age >= 20_000) {
			job.stray404Left -= 1;
			return fail(404, 'request_not_found');
		}
		const base = { request_id: requestId, interaction_type: 'followers', platform: 'twitter' };
		if (age < JOB_MS) return ok({ ...base, status: 'processing' });
		job.answeredAt ??= this.now();
		if (job.glitch.fate === 'failed')
			return ok({ ...base, status: 'failed', error: 'upstream glitch' });
		const people = job.glitch.fate === 'ok' ? job.listed : [];
		const result =
			job.glitch.fate === 'null'
				? null
				: {
						interaction_type: 'followers',
						source_platform: 'twitter',
						target: { username: this.username },
						interactions: people.map((f) => ({ username: f.name, display_name: f.name ?? '' })),
						total_count: people.length,
					};
		return ok({ ...base, status: 'completed', result, result_count: people.length });
	}
}
