import { z } from 'zod';

import { MAX_RESULTS_LIMIT } from '../constants.js';
import { PACKED_HASHES } from './hash.js';

/** Bump when the stored shape changes: older state then re-baselines instead of being misread. */
export const WATCH_STATE_VERSION = 2;
/** The most people a watch remembers (new-person events); a lookup lists at most MAX_RESULTS_LIMIT. */
export const MAX_REMEMBERED = 10_000;
const MAX_PACKED_CHARS = 8 * 100_000;

const usernames = z.array(z.string().min(1).max(200)).max(MAX_RESULTS_LIMIT);

/** What a watch keeps between lookups: JSON, small, and checked field by field when read back. */
export const watchStateSchema = z.object({
	v: z.literal(WATCH_STATE_VERSION),
	/** What is watched (profile, event, max results): another value means another watch. */
	watch: z.string().max(2_000),
	baselineAt: z.number().finite(),
	/** People in the last accepted lookup. */
	count: z.number().int().min(0),
	/** Hashes of people seen, least recently seen first (new-person events). */
	seen: z.string().max(MAX_PACKED_CHARS).regex(PACKED_HASHES),
	/** Usernames of the last accepted lookup (lost-person events). */
	last: usernames,
	/** Whether that lookup listed everyone (fewer people than max results). */
	lastComplete: z.boolean(),
	/** Usernames missing from the last lookup once: lost if missing again from the next. */
	absent: usernames,
	/** People in a lookup that shrank by more than half, waiting for the next lookup to confirm it. */
	shrink: z.number().int().min(0).nullable(),
	/** The warning already reported for the current condition, so it is reported once. */
	warned: z.enum(['suspicious_shrink', 'list_cut_off']).nullable(),
	/** Hashes the 0.1.0 n8n trigger remembered (another hash), until the first lookup after the upgrade. */
	legacySeen: z.string().max(MAX_PACKED_CHARS).regex(PACKED_HASHES).optional(),
});

export type WatchState = z.infer<typeof watchStateSchema>;

export type StateReading =
	{ state: WatchState; problem?: undefined } | { state?: undefined; problem?: string };

/**
 * Stored state, if it is this watch's and well-formed. `problem` says why it was set aside (for a log line);
 * nothing stored yet has no problem.
 */
export function readWatchState(stored: unknown, watch: string): StateReading {
	if (stored === undefined || stored === null) return {};
	const parsed = watchStateSchema.safeParse(stored);
	if (!parsed.success) {
		const version =
			typeof stored === 'object' && 'v' in stored ? String((stored as { v: unknown }).v) : 'none';
		const where = parsed.error.issues[0]?.path.join('.') || 'state';
		return {
			problem:
				version === String(WATCH_STATE_VERSION)
					? `unreadable field "${where}"`
					: `unknown version ${version.slice(0, 20)}`,
		};
	}
	if (parsed.data.watch !== watch) return { problem: 'the watched profile or settings changed' };
	return { state: parsed.data };
}
