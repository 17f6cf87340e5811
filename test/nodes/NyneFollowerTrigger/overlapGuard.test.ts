import { expect, it } from 'vitest';

import { STUCK_POLL_MS, unlessPolling } from '../../../nodes/NyneFollowerTrigger/overlapGuard';

it('a poll that overlaps a running one hands over nothing; one that never ends does not hold the watch for ever', async () => {
	const watch = {};
	let finish: () => void = () => {};
	const stuck = unlessPolling(
		watch,
		0,
		() => new Promise<string>((resolve) => (finish = () => resolve('late'))),
	);
	expect(await unlessPolling(watch, 60_000, async () => 'overlapping')).toBeNull();
	expect(await unlessPolling(watch, STUCK_POLL_MS, async () => 'next')).toBe('next');
	// The stuck poll ending later does not clear a newer poll's mark.
	let release: () => void = () => {};
	const newer = unlessPolling(
		watch,
		STUCK_POLL_MS + 1,
		() => new Promise<string>((resolve) => (release = () => resolve('newer'))),
	);
	finish();
	expect(await stuck).toBe('late');
	expect(await unlessPolling(watch, STUCK_POLL_MS + 2, async () => 'overlapping')).toBeNull();
	release();
	expect(await newer).toBe('newer');
});
