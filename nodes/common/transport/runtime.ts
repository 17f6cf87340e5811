import { MemoryReuseStore, RateLimiterRegistry } from '../../../shared';
import type { Now, ReuseStore, Sleep } from '../../../shared';

import { abortableSleep } from './abortableSleep';

/** What the nodes wait with and count time by; one limiter per API key for the whole n8n process. */
export interface NyneRuntime {
	sleep: Sleep;
	now: Now;
	limiters: RateLimiterRegistry;
	/**
	 * Lookups already paid for, for the whole n8n process (keys name the credential). n8n keeps no store that
	 * outlives a manual execution (it saves a workflow's static data only for production runs), so this is memory.
	 */
	reuse: ReuseStore;
}

const defaultRuntime: NyneRuntime = {
	sleep: abortableSleep,
	now: () => Date.now(),
	limiters: new RateLimiterRegistry(),
	reuse: new MemoryReuseStore(),
};

let current: NyneRuntime = defaultRuntime;

export function getRuntime(): NyneRuntime {
	return current;
}

/** Tests and benchmarks run the nodes on a scaled clock against the sandbox; `undefined` restores the real one. */
export function setRuntime(next: Partial<NyneRuntime> | undefined): void {
	current = next === undefined ? defaultRuntime : { ...current, ...next };
}
