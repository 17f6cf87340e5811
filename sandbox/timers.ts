/** The longest delay setTimeout honours; a longer one would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Real timers that can all be cancelled at once, so close() leaves nothing behind. */
export class TimerBag {
	private readonly pending = new Set<NodeJS.Timeout>();

	after(realMs: number, fn: () => void): NodeJS.Timeout {
		const handle = setTimeout(
			() => {
				this.pending.delete(handle);
				fn();
			},
			Number.isFinite(realMs) ? Math.min(MAX_TIMER_MS, Math.max(0, realMs)) : MAX_TIMER_MS,
		);
		this.pending.add(handle);
		return handle;
	}

	cancel(handle: NodeJS.Timeout): void {
		clearTimeout(handle);
		this.pending.delete(handle);
	}

	clearAll(): void {
		for (const handle of this.pending) clearTimeout(handle);
		this.pending.clear();
	}

	get size(): number {
		return this.pending.size;
	}
}

/** Converts API-time durations into real milliseconds / seconds. */
export class Clock {
	constructor(public readonly timeScale: number) {}

	realMs(apiMs: number): number {
		return apiMs * this.timeScale;
	}

	/** Elapsed API time since a real timestamp. */
	apiElapsed(sinceRealMs: number): number {
		return (Date.now() - sinceRealMs) / this.timeScale;
	}
}

/** Real seconds with at most 3 decimals, never 0 (a header of 0 would invite a busy loop). */
export function headerSeconds(realMs: number): string {
	const seconds = Math.max(0.001, Math.ceil(realMs) / 1000);
	return String(Math.round(seconds * 1000) / 1000);
}
