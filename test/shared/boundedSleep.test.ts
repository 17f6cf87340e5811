import { describe, expect, it } from 'vitest';

import { boundedSleep, MAX_TIMER_MS, type Sleep } from '../../shared';

const DAYS_30_MS = 30 * 86_400_000;

describe('boundedSleep (the one place a long wait is cut to what a timer holds)', () => {
	it('asks the platform for at most MAX_TIMER_MS at a time, and for the whole wait in all', async () => {
		const asked: number[] = [];
		await boundedSleep(async (ms) => {
			asked.push(ms);
		})(DAYS_30_MS);
		expect(asked.length).toBe(Math.ceil(DAYS_30_MS / MAX_TIMER_MS));
		expect(Math.max(...asked)).toBe(MAX_TIMER_MS);
		expect(asked.reduce((sum, ms) => sum + ms, 0)).toBe(DAYS_30_MS);
	});

	it('passes a short wait through as it is, and a wait of 0 too (it still yields, as before the bound)', async () => {
		const asked: number[] = [];
		const sleep = boundedSleep(async (ms) => {
			asked.push(ms);
		});
		await sleep(1_500);
		await sleep(0);
		expect(asked).toEqual([1_500, 0]);
	});

	it('stops between pieces once the signal aborts, with the signal’s reason', async () => {
		const controller = new AbortController();
		const asked: number[] = [];
		const platform: Sleep = async (ms) => {
			asked.push(ms);
			controller.abort(new Error('execution cancelled'));
		};
		await expect(boundedSleep(platform)(DAYS_30_MS, controller.signal)).rejects.toThrow(
			'execution cancelled',
		);
		expect(asked).toEqual([MAX_TIMER_MS]);
	});
});
