import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { abortableSleep } from '../../../nodes/common/transport/abortableSleep';
import { boundedSleep, MAX_TIMER_MS } from '../../../shared';
import { sleep as zapierSleep } from '../../../zapier/src/client';

const DAYS_30_MS = 30 * 86_400_000;

/**
 * A timer set beyond 2^31−1 ms fires after 1 ms (with a TimeoutOverflowWarning): a long wait would become a
 * busy loop. The core waits with each platform's sleep through boundedSleep (as NyneClient does), which splits a
 * long wait so that no timer is ever set beyond it.
 */
describe.each([
	['the n8n node’s abortableSleep', boundedSleep(abortableSleep)],
	['the Zapier app’s sleep', boundedSleep(zapierSleep)],
])('%s, bounded by the core', (_name, sleep) => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		// the spy wraps the fake setTimeout: restore it before the real one comes back, or the fake would stay
		vi.restoreAllMocks();
		vi.useRealTimers();
	});

	it('sleeps 30 days with no timer beyond 2^31−1 ms, and only once the 30 days are over', async () => {
		const setTimer = vi.spyOn(globalThis, 'setTimeout');
		let done = false;
		const waiting = sleep(DAYS_30_MS).then(() => (done = true));
		await vi.advanceTimersByTimeAsync(DAYS_30_MS - 1_000);
		expect(done).toBe(false);
		await vi.advanceTimersByTimeAsync(1_000);
		await waiting;
		expect(done).toBe(true);
		const delays = setTimer.mock.calls.map((call) => Number(call[1] ?? 0));
		expect(delays.length).toBeGreaterThan(0);
		expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
	});

	it('still ends a long wait when its signal aborts', async () => {
		const controller = new AbortController();
		const waiting = sleep(DAYS_30_MS, controller.signal);
		const outcome = waiting.then(
			() => 'resolved',
			() => 'rejected',
		);
		await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 5);
		controller.abort();
		expect(await outcome).toBe('rejected');
	});
});
