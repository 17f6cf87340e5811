/**
 * The watches with a poll still running in this process. n8n starts a poll on schedule even while the last
 * one of the same trigger still runs (a slow answer, a busy machine), and both would read the same record,
 * collect the same lookup and hand over the same changes, or start a second lookup. A watch's static data
 * is one object for as long as its workflow is active, so it names the watch.
 */
const running = new WeakSet<object>();

/** Runs `poll` unless a poll of this watch is still running, in which case this one hands over nothing. */
export async function unlessPolling<T>(watch: object, poll: () => Promise<T>): Promise<T | null> {
	if (running.has(watch)) return null;
	running.add(watch);
	try {
		return await poll();
	} finally {
		running.delete(watch);
	}
}
