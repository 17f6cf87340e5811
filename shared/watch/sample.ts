import type { NyneClient } from '../client.js';
import { collectLookup, startLookup } from '../lookups.js';
import type { Now } from '../ports.js';
import { addedChange, lostChange, type WatchChange } from './changes.js';
import type { WatchTarget } from './pollCycle.js';

/** The editor shows three sample records. */
export const SAMPLE_SIZE = 3;

/**
 * The editor's test event: a real lookup, waited for, its first people shaped as this watch's changes.
 * Touches no stored record. Throws `timeout` at the deadline and `lookup_failed` when the lookup fails.
 */
export async function sampleWatch(
	deps: { client: NyneClient; now: Now },
	target: Pick<WatchTarget, 'body' | 'mode'>,
	options: { timeoutMs: number },
): Promise<WatchChange[]> {
	const started = await startLookup(deps.client, target.body);
	const view = await collectLookup(deps.client, started.summary.request_id, {
		timeoutMs: options.timeoutMs,
	});
	if (view.failure) throw view.failure;
	const at = deps.now();
	const people = view.people.slice(0, SAMPLE_SIZE);
	return target.mode === 'new'
		? people.map((person) => addedChange(person, at))
		: people.map((person) => lostChange(person.username, view, target.body, at));
}
