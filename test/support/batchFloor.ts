import { RATE_LIMIT_PER_HOUR, RATE_LIMIT_PER_MINUTE } from '../../shared';

/**
 * The requests a batch of lookups must send when it polls: a POST and one status read after the job is done per
 * lookup, and, through the Nyne node, a balance read (GET /usage, counted by the rate limit like any request)
 * before each run that starts more than one lookup (`balanceReads`: one per such execution).
 */
export function batchRequests(lookups: number, balanceReads = 0): number {
	return 2 * lookups + balanceReads;
}

/**
 * The least time Nyne's fixed windows (60 requests a minute, 1000 an hour) allow for `requests`, never less than
 * one job. The windows count every request: at 60 lookups, the node's balance read is the 121st request, which
 * needs a third minute (120 s against 60 s for the 120 of the lookups alone).
 */
export function batchFloorMs(requests: number, jobMs: number): number {
	const last = requests - 1;
	return Math.max(
		Math.floor(last / RATE_LIMIT_PER_MINUTE) * 60_000,
		Math.floor(last / RATE_LIMIT_PER_HOUR) * 3_600_000,
		jobMs,
	);
}
