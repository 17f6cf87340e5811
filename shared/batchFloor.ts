import { HOUR_MS, MINUTE_MS, RATE_LIMIT_PER_HOUR, RATE_LIMIT_PER_MINUTE } from './constants.js';

/**
 * Requests per lookup at each path's floor: waiting for a result costs the POST and one status read once the
 * job is done; a result posted to a callback costs the POST only.
 */
export const REQUESTS_PER_LOOKUP = { poll: 2, callback: 1 } as const;

/**
 * The least time `requests` calls take under one key's limits (60 a minute, 1000 an hour): each hour's 1000
 * at 60 a minute, the next thousand once the hour is over. 600 requests: 10 min; 2000: 76.7 min.
 */
export function requestFloorMs(requests: number): number {
	if (requests <= 0) return 0;
	const fullHours = Math.ceil(requests / RATE_LIMIT_PER_HOUR) - 1;
	const rest = requests - fullHours * RATE_LIMIT_PER_HOUR;
	return fullHours * HOUR_MS + (rest / RATE_LIMIT_PER_MINUTE) * MINUTE_MS;
}

/** The floor of a batch of `lookups` by each path. */
export function batchFloorMs(lookups: number): { poll: number; callback: number } {
	return {
		poll: requestFloorMs(lookups * REQUESTS_PER_LOOKUP.poll),
		callback: requestFloorMs(lookups * REQUESTS_PER_LOOKUP.callback),
	};
}

/**
 * The requests a batch sends when it polls: the POST and one status read per lookup, and through the Nyne node a
 * balance read (GET /usage, counted by the rate limit like any request) before each run of more than one lookup.
 */
export function pollRequests(lookups: number, balanceReads = 0): number {
	return REQUESTS_PER_LOOKUP.poll * lookups + balanceReads;
}

/**
 * The least time Nyne's fixed windows allow for `requests`, never less than one job: the last request goes out at
 * the start of its window. At 60 lookups the node's balance read is the 121st request, in a third minute.
 */
export function windowFloorMs(requests: number, jobMs: number): number {
	const last = requests - 1;
	return Math.max(
		Math.floor(last / RATE_LIMIT_PER_MINUTE) * MINUTE_MS,
		Math.floor(last / RATE_LIMIT_PER_HOUR) * HOUR_MS,
		jobMs,
	);
}

/**
 * The least time a batch by callback takes under Nyne's fixed windows: its last request goes out at the start of
 * its window and its result arrives one job later. 300 POSTs: 4 min + the job; 301 (a balance read first): 5 min + the job.
 */
export function callbackFloorMs(requests: number, jobMs: number): number {
	return windowFloorMs(requests, 0) + jobMs;
}
