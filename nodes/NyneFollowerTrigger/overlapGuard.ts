import { WATCH_POLL_ALLOWANCE_MS } from '../../shared';

/**
 * The watches with a poll still running in this process, and when it began. n8n starts a poll on schedule even
 * while the last one of the same trigger still runs (a slow answer, a busy machine), and both would read the same
 * record, collect the same lookup and hand over the same changes, or start a second lookup. A watch's static data
 * is one object for as long as its workflow is active, so it names the watch.
 */
const running = new WeakMap<object, number>();

/**
 * A poll's waits end within WATCH_POLL_ALLOWANCE_MS; one still marked as running this long after it began is
 * stuck (an HTTP exchange that never ends) and no longer holds the watch, so the watch is never dead.
 */
export const STUCK_POLL_MS = 2 * WATCH_POLL_ALLOWANCE_MS;

/** Runs `poll` unless a poll of this watch is still running, in which case this one hands over nothing. */
export async function unlessPolling<T>(
	watch: object,
	now: number,
	poll: () => Promise<T>,
): Promise<T | null> {
	const since = running.get(watch);
	if (since !== undefined && now - since < STUCK_POLL_MS) return null;
	running.set(watch, now);
	try {
		return await poll();
	} finally {
		if (running.get(watch) === now) running.delete(watch);
	}
}
