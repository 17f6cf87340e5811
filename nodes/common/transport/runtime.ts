import { HourlyCap, InFlightLookups, MemoryReuseStore, RateLimiterRegistry } from '../../../shared';
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
	/** Lookups started and not yet collected, that an identical call in this process waits for instead of paying. */
	inFlight: InFlightLookups;
	/** Lookups each AI tool started in the last hour, across executions (keys name the workflow, node and credential). */
	toolCap: HourlyCap;
}

const runtime: NyneRuntime = {
	sleep: abortableSleep,
	now: () => Date.now(),
	limiters: new RateLimiterRegistry(),
	reuse: new MemoryReuseStore(),
	inFlight: new InFlightLookups(),
	toolCap: new HourlyCap(() => runtime.now()),
};

/** The runtime of this n8n process. */
export function getRuntime(): NyneRuntime {
	return runtime;
}
