import { EARLY_NOT_FOUND_GRACE_MS, LATE_NOT_FOUND_FORGIVEN } from './constants.js';

/*
 * The one 404 rule, for every wait of the core (a poll, a status read, a watch's pending lookup): right after a
 * request is created Nyne may not know it yet, and a lookup known to exist may still answer a stray 404.
 */

/** `interaction_<hex>_<unix seconds>`: a request ID ends with its creation time. */
const REQUEST_ID_TIME = /_([0-9]{9,11})$/;

/** When the request was created, read from its ID, or undefined when the ID carries no time. */
export function requestCreatedAtMs(requestId: string): number | undefined {
	const match = REQUEST_ID_TIME.exec(requestId);
	return match?.[1] === undefined ? undefined : Number(match[1]) * 1000;
}

/**
 * True while a 404 for this request may only mean "not visible yet": within the grace period after this
 * client submitted it, or else after the creation time in its ID. A time ahead of this clock by less than
 * the grace period (clocks differ) still counts as young; one further ahead is not believed.
 */
export function isYoungRequest(requestId: string, now: number, submittedAt?: number): boolean {
	const since = submittedAt ?? requestCreatedAtMs(requestId);
	if (since === undefined) return false;
	const age = now - since;
	return age < EARLY_NOT_FOUND_GRACE_MS && age > -EARLY_NOT_FOUND_GRACE_MS;
}

/** How long a request stays young, from now (0 when it is not young). */
export function youngForMs(requestId: string, now: number, submittedAt?: number): number {
	if (!isYoungRequest(requestId, now, submittedAt)) return 0;
	const since = submittedAt ?? requestCreatedAtMs(requestId) ?? now;
	return since + EARLY_NOT_FOUND_GRACE_MS - now;
}

/**
 * What a 404 for a lookup means: `not_visible_yet` while the request is young (see isYoungRequest); `stray` when
 * the lookup is known to exist (`submittedAt` is set: it was started here or recorded by the caller) and fewer
 * than LATE_NOT_FOUND_FORGIVEN later 404s (`strays`) were forgiven already; else `gone`.
 */
export type NotFoundMeaning = 'not_visible_yet' | 'stray' | 'gone';

export function notFoundMeaning(
	requestId: string,
	now: number,
	known: { submittedAt?: number; strays?: number } = {},
): NotFoundMeaning {
	if (isYoungRequest(requestId, now, known.submittedAt)) return 'not_visible_yet';
	if (known.submittedAt !== undefined && (known.strays ?? 0) < LATE_NOT_FOUND_FORGIVEN)
		return 'stray';
	return 'gone';
}
