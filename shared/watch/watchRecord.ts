import { z } from 'zod';

import { REQUEST_ID_MAX_LENGTH } from '../constants.js';
import { fromVersion010 } from './legacy010.js';

/** Bump when the stored shape changes; readWatchRecord then migrates or sets the older record aside. */
export const WATCH_RECORD_VERSION = 3;
/** Changes found but not yet handed over: a lookup lists at most 1000 people. */
export const MAX_QUEUED = 1_000;

const pendingSchema = z.object({
	requestId: z.string().min(1).max(REQUEST_ID_MAX_LENGTH),
	submittedAt: z.number().finite(),
	/** 404s answered for it after it was known to exist (the core forgives a few). */
	notFound: z.number().int().min(0).default(0),
});

const changeSchema = z.object({
	kind: z.enum(['added', 'lost']),
	person: z.record(z.unknown()),
	detectedAt: z.number().finite(),
});

/** Everything a watch keeps between polls, in one value a product stores as it is (n8n static data, z.cache). */
export const watchRecordSchema = z.object({
	v: z.literal(WATCH_RECORD_VERSION),
	/** What is watched; another value means another watch (see watchKeyOf). */
	watch: z.string().max(2_000),
	/** The lookup started and not yet collected. */
	pending: pendingSchema.nullable(),
	/** When the last lookup was started (or its start was attempted with unknown fate). */
	lastStartedAt: z.number().finite().nullable(),
	/** The people comparison's state (see followerWatch.ts; it checks it), null before a trusted baseline. */
	observed: z.unknown(),
	/** Changes found and not yet handed over, oldest first. */
	queue: z.array(changeSchema).max(MAX_QUEUED),
});

export type WatchRecord = z.infer<typeof watchRecordSchema>;
export type PendingLookup = WatchRecord['pending'];

export function emptyRecord(watch: string): WatchRecord {
	return {
		v: WATCH_RECORD_VERSION,
		watch,
		pending: null,
		lastStartedAt: null,
		observed: null,
		queue: [],
	};
}

export interface RecordReading {
	record: WatchRecord;
	/** Why the stored value was set aside (a log line); absent when it was used or nothing was stored. */
	problem?: string;
	/** The stored value came from an earlier version and was carried over. */
	migrated?: string;
}

/** The stored record for this watch: as stored, carried over from 0.1.0, or a new one with the reason. */
export function readWatchRecord(stored: unknown, watch: string): RecordReading {
	if (stored === undefined || stored === null) return { record: emptyRecord(watch) };
	if (typeof stored === 'object' && Object.keys(stored).length === 0)
		return { record: emptyRecord(watch) };
	const parsed = watchRecordSchema.safeParse(stored);
	if (parsed.success) {
		if (parsed.data.watch !== watch)
			return { record: emptyRecord(watch), problem: 'the watched profile or settings changed' };
		return { record: parsed.data };
	}
	const legacy = fromVersion010(stored, watch);
	if (legacy) return legacy;
	const version =
		typeof stored === 'object' && 'v' in stored ? String((stored as { v: unknown }).v) : 'none';
	const where = parsed.error.issues[0]?.path.join('.') || 'state';
	return {
		record: emptyRecord(watch),
		problem:
			version === String(WATCH_RECORD_VERSION)
				? `unreadable field "${where}"`
				: `unknown version ${version.slice(0, 20)}`,
	};
}
