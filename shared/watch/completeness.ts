import { DEFAULT_MAX_RESULTS, MAX_RESULTS_LIMIT } from '../constants.js';
import type { LookupView } from '../lookupView.js';
import type { InteractionRequestBody } from '../types.js';

/** Nyne lists at least this many people per lookup, whatever smaller Max Results it is sent. */
export const MIN_RESULTS_LISTED = 10;

/** How many entries Nyne lists at most for this request: its default when none is sent, clamped as Nyne clamps it. */
export function effectiveMaxResults(body: Pick<InteractionRequestBody, 'max_results'>): number {
	const asked = body.max_results ?? DEFAULT_MAX_RESULTS;
	return Math.min(MAX_RESULTS_LIMIT, Math.max(MIN_RESULTS_LISTED, asked));
}

/** Entries Nyne listed, nameless ones included: what counts against Max Results. */
export function listedEntries(view: LookupView): number {
	return view.people.length + view.dropped;
}

/**
 * A list has everyone only when Nyne listed fewer entries than it could have, and no fewer than the people it
 * says it found (its total_count): a list of 60 of 90 is cut short, whatever Max Results allowed.
 */
export function isCompleteList(
	view: LookupView,
	body: Pick<InteractionRequestBody, 'max_results'>,
): boolean {
	const listed = listedEntries(view);
	return listed < effectiveMaxResults(body) && listed >= (view.summary.total_count ?? 0);
}
