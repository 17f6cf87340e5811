/**
 * Poll Times that make a polling trigger poll every 4 s on every pinned n8n: fifteen "Custom" entries, each a
 * cron with one fixed second (0, 4, …, 56) in every minute, as a user adds poll times one by one. n8n refuses a
 * cron whose seconds field is not a plain number ("at least a minute"; 2.41 also refuses a list such as
 * "0,4,8 * * * * *"), and registers each entry's cron on its own, so the trigger runs through exactly the code
 * path a per-minute poll uses.
 */
export const FAST_POLL_MS = 4_000;

export function fastPollTimes(): { item: Array<{ mode: 'custom'; cronExpression: string }> } {
	return {
		item: Array.from({ length: 60_000 / FAST_POLL_MS }, (_, i) => ({
			mode: 'custom' as const,
			cronExpression: `${(i * FAST_POLL_MS) / 1000} * * * * *`,
		})),
	};
}
