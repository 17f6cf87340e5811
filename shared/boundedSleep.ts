import { MAX_TIMER_MS } from './constants.js';
import { abortReason, type Sleep } from './ports.js';

/**
 * The one bounded sleep: a platform's `sleep`, asked for at most MAX_TIMER_MS at a time (a JavaScript timer set
 * longer fires at once), so a wait of any length lasts as long as it should. A signal that aborts between two
 * pieces ends the wait.
 */
export function boundedSleep(sleep: Sleep): Sleep {
	return async (ms, signal) => {
		// At least one call, as without the bound: a sleep of 0 still yields to whatever else is waiting.
		let left = ms;
		do {
			if (signal?.aborted) throw abortReason(signal);
			await sleep(Math.min(left, MAX_TIMER_MS), signal);
			left -= MAX_TIMER_MS;
		} while (left > 0);
	};
}
