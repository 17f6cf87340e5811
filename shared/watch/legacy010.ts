import { z } from 'zod';

import { MAX_RESULTS_LIMIT, REQUEST_ID_MAX_LENGTH } from '../constants.js';
import { PACKED_HASHES } from './hash.js';
import type { RecordReading, WatchRecord } from './watchRecord.js';
import { WATCH_STATE_VERSION, type WatchState } from './watchState.js';

/**
 * The n8n Follower Trigger's static data in 0.1.0: one flat object, no version. `seen` holds 8-character
 * sha256 hashes of `platform:username` (the adapter hashes them again, see WatchOptions.legacyHash).
 */
const version010Schema = z.object({
	watch: z.string().max(2_000),
	pending: z
		.object({
			requestId: z.string().min(1).max(REQUEST_ID_MAX_LENGTH),
			submittedAt: z.number().finite(),
		})
		.optional(),
	baselineAt: z.number().finite().optional(),
	seen: z.string().max(800_000).regex(PACKED_HASHES).optional(),
	last: z.array(z.string().min(1).max(200)).max(MAX_RESULTS_LIMIT).optional(),
	lastComplete: z.boolean().optional(),
});

/** A 0.1.0 record carried over: its pending lookup kept, its baseline kept for the next comparison. */
export function fromVersion010(stored: unknown, watch: string): RecordReading | undefined {
	if (typeof stored !== 'object' || stored === null || 'v' in stored) return undefined;
	const parsed = version010Schema.safeParse(stored);
	if (!parsed.success) return undefined;
	const old = parsed.data;
	const record: WatchRecord = {
		v: 3,
		watch,
		pending: old.pending ? { ...old.pending, notFound: 0 } : null,
		lastStartedAt: old.pending?.submittedAt ?? null,
		observed: null,
		queue: [],
	};
	if (old.watch !== watch) {
		return {
			record: { ...record, pending: null, lastStartedAt: null },
			problem: 'the watched profile or settings changed',
		};
	}
	if (old.baselineAt !== undefined) {
		const observed: WatchState = {
			v: WATCH_STATE_VERSION,
			watch,
			baselineAt: old.baselineAt,
			count: old.last?.length ?? 0,
			seen: '',
			last: old.last ?? [],
			lastComplete: old.lastComplete ?? false,
			absent: [],
			shrink: null,
			warned: null,
			...(old.seen ? { legacySeen: old.seen } : {}),
		};
		record.observed = observed;
	}
	return { record, migrated: '0.1.0' };
}
