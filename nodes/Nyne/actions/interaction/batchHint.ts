import type { IExecuteFunctions } from 'n8n-workflow';

import { batchFloorMs, REQUESTS_PER_LOOKUP } from '../../../../shared';
import type { LookupItem } from './readLookupItem';

/** From this many lookups waited for in one run, the editor says the callback path would take half the time. */
export const CALLBACK_HINT_MIN_LOOKUPS = 20;

const minutes = (ms: number): string =>
	ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`;

/**
 * Once per run, when it waits for many lookups: their floor at two requests per lookup against the callback
 * path's one, in this run's figures.
 */
export function hintCallbackPath(
	context: IExecuteFunctions,
	checked: Map<number, LookupItem>,
	decided: Map<number, unknown>,
): void {
	let lookups = 0;
	for (const [index, item] of checked)
		if (item.waitMode === 'poll' && !decided.has(index)) lookups += 1;
	if (lookups < CALLBACK_HINT_MIN_LOOKUPS || typeof context.addExecutionHints !== 'function')
		return;
	const floor = batchFloorMs(lookups);
	context.addExecutionHints({
		message:
			`${lookups} lookups waited for here take ${lookups * REQUESTS_PER_LOOKUP.poll} requests, at least ` +
			`${minutes(floor.poll)} at Nyne's rate limit. Started with Wait Mode "Don't Wait", a Nyne Trigger's ` +
			`URL as Callback URL and a Reference per item, they take ${lookups * REQUESTS_PER_LOOKUP.callback} ` +
			`requests, at least ${minutes(floor.callback)}, and the trigger outputs each person with its item's reference.`,
		location: 'outputPane',
	});
}
