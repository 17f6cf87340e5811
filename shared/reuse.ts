import { MINUTE_MS } from './constants.js';
import type { NyneClient } from './client.js';
import { isNotFound, isNyneError } from './errors.js';
import { toLookupView } from './lookupView.js';
import type { LookupView } from './lookupView.js';
import type { Now } from './ports.js';
import { settle } from './settle.js';
import type { InteractionRequestBody } from './types.js';

/** How long a paid lookup is reused for an identical one. */
export const REUSE_WINDOW_MS = 15 * MINUTE_MS;

/** A lookup this credential was seen to complete: its request, and when (epoch ms). */
export interface ReuseRecord {
	requestId: string;
	at: number;
}

/** Where a product keeps its reuse records, per credential (an n8n module cache, Zapier's `z.cache` per connection). */
export interface ReuseStore {
	get(key: string): Promise<ReuseRecord | undefined>;
	set(key: string, record: ReuseRecord): Promise<void>;
	delete(key: string): Promise<void>;
}

/** What makes two lookups the same: type, URL and Max Results (the credential is the store's own scope). */
export function reuseKey(body: InteractionRequestBody): string {
	return `nyne:reuse:${body.type}|${body.social_media_url}|${body.max_results ?? ''}`;
}

export interface ReuseOptions {
	now: Now;
	windowMs?: number;
	signal?: AbortSignal;
}

/**
 * The result of an identical lookup completed within the window, read with a free status read, marked as reused
 * (`reused_from`, `credits: 0`); undefined when there is none, it is too old, Nyne no longer knows the request
 * (the record is then forgotten) or it cannot be read (the caller then pays for a new lookup as usual).
 */
export async function findReusable(
	client: NyneClient,
	store: ReuseStore,
	body: InteractionRequestBody,
	options: ReuseOptions,
): Promise<LookupView | undefined> {
	const key = reuseKey(body);
	// Reuse only ever saves credits: a store or a status read that fails is a miss, and the lookup is paid as usual.
	const stored = await settle(() => store.get(key));
	const record = stored.ok ? stored.value : undefined;
	if (!record) return undefined;
	if (options.now() - record.at > (options.windowMs ?? REUSE_WINDOW_MS)) {
		await settle(() => store.delete(key));
		return undefined;
	}
	const read = await settle(() => client.getRequest(record.requestId, { signal: options.signal }));
	if (!read.ok) {
		if (isAborted(read.error)) throw read.error;
		if (isNotFound(read.error)) await settle(() => store.delete(key));
		return undefined;
	}
	const view: LookupView = toLookupView(read.value);
	if (view.summary.status !== 'completed') return undefined;
	return asReused(view);
}

/** A paid lookup's result as an identical one reads it: 0 credits, and which request it came from. */
export function asReused(view: LookupView): LookupView {
	return {
		...view,
		summary: { ...view.summary, credits: 0, reused_from: view.summary.request_id },
	};
}

const isAborted = (error: unknown): boolean => isNyneError(error) && error.code === 'aborted';

/** Records a lookup paid for, or to be paid when it completes (a failed one cost nothing: nothing to reuse); only a completed one is reused. */
export async function rememberPaid(
	store: ReuseStore,
	body: InteractionRequestBody,
	view: LookupView,
	now: Now,
): Promise<void> {
	if (view.summary.status === 'failed' || view.summary.reused_from) return;
	await store.set(reuseKey(body), { requestId: view.summary.request_id, at: now() });
}

/** A bounded in-memory ReuseStore (oldest records go first), for a product with no store of its own. */
export class MemoryReuseStore implements ReuseStore {
	private readonly records = new Map<string, ReuseRecord>();

	constructor(private readonly capacity = 500) {}

	async get(key: string): Promise<ReuseRecord | undefined> {
		return this.records.get(key);
	}

	async set(key: string, record: ReuseRecord): Promise<void> {
		this.records.delete(key);
		this.records.set(key, record);
		while (this.records.size > this.capacity) {
			const oldest = this.records.keys().next().value;
			if (oldest === undefined) break;
			this.records.delete(oldest);
		}
	}

	async delete(key: string): Promise<void> {
		this.records.delete(key);
	}
}
