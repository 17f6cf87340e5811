import { NyneApiError, isNyneError } from './errors.js';
import type { LookupView } from './lookupView.js';
import { asReused } from './reuse.js';
import { settle } from './settle.js';

/** A lookup started and not yet collected, whose result identical lookups wait for instead of paying again. */
export interface Lead {
	/** The lookup completed: everyone waiting on it gets its result. */
	complete(view: LookupView): void;
	/** It will not complete here: everyone waiting on it gets this failure. */
	fail(error: unknown): void;
	/** The run that leads stops before collecting it (a no-op once completed or failed). */
	abandon(): void;
}

export type Claim = { lead: Lead } | { follow: Promise<LookupView> };

/**
 * Identical lookups in flight in one process, keyed as the reuse store is (credential, type, URL, Max Results).
 * `claim` checks and claims a key in one synchronous step, so of two identical calls racing, one leads (pays)
 * and the other follows (reads the leader's result for 0 credits); a completed reuse record only covers a
 * lookup that had finished before the second call came.
 */
export class InFlightLookups {
	private readonly leads = new Map<string, Promise<LookupView>>();

	claim(key: string): Claim {
		const existing = this.leads.get(key);
		if (existing) return { follow: existing };
		let resolve: (view: LookupView) => void = () => undefined;
		let reject: (error: unknown) => void = () => undefined;
		const result = new Promise<LookupView>((onView, onError) => {
			resolve = onView;
			reject = onError;
		});
		// A lead nobody follows may fail without anyone reading it.
		result.catch(() => undefined);
		this.leads.set(key, result);
		let open = true;
		const close = (): boolean => {
			if (!open) return false;
			open = false;
			this.leads.delete(key);
			return true;
		};
		return {
			lead: {
				complete: (view) => {
					if (close()) resolve(view);
				},
				fail: (error) => {
					if (close()) reject(error);
				},
				abandon: () => {
					if (close()) reject(new NyneApiError('lookup_failed', { message: LEADER_ENDED }));
				},
			},
		};
	}
}

const LEADER_ENDED =
	'An identical lookup another run was starting did not finish there: that run stopped first (refused, or failed ' +
	'on another item). Run this again to start a new lookup.';
const LEADER_CANCELLED =
	'An identical lookup another run had started was cancelled with that run, so there is no result to read. ' +
	'Run this again to start a new lookup.';

/** What a follower reads: the leader's result for 0 credits, or its failure (the leader's cancel is not the follower's). */
export async function followLead(follow: Promise<LookupView>): Promise<LookupView> {
	const outcome = await settle(async () => await follow);
	if (outcome.ok) return asReused(outcome.value);
	const cancelled = isNyneError(outcome.error) && outcome.error.code === 'aborted';
	throw cancelled
		? new NyneApiError('lookup_failed', { message: LEADER_CANCELLED })
		: outcome.error;
}
