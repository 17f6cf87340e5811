// The sandbox the real-n8n rows of the bench run against: real time, Nyne's limits, and the real time of every API
// request and of every callback n8n accepted, read from the sandbox's log.
import { startSandbox, type Sandbox, type SandboxStats } from '../sandbox';

const PER_MINUTE = 60;
const PER_HOUR = 1000;
const API_LINE = /^(GET|POST) \/(person\/interactions|usage)/;
const DELIVERED_LINE = /^callback \S+ attempt \d+ -> 2\d\d$/;

export interface TimedSandbox {
	sandbox: Sandbox;
	/** Real ms of each API request, in order. */
	requestTimes: number[];
	/** Real ms of each callback a 2xx answered, in order. */
	deliveryTimes: number[];
}

export async function startTimedSandbox(jobMs: number): Promise<TimedSandbox> {
	const requestTimes: number[] = [];
	const deliveryTimes: number[] = [];
	const sandbox = await startSandbox({
		timeScale: 1,
		jobDurationMs: jobMs,
		rateLimit: { perMinute: PER_MINUTE, perHour: PER_HOUR },
		log: (line) => {
			if (API_LINE.test(line)) requestTimes.push(Date.now());
			else if (DELIVERED_LINE.test(line)) deliveryTimes.push(Date.now());
		},
	});
	return { sandbox, requestTimes, deliveryTimes };
}

/** Lookups submitted more than once for the same target. */
export function duplicateSubmissions(stats: SandboxStats): number {
	return Object.values(stats.submissionsByTarget).reduce(
		(sum, count) => sum + Math.max(0, count - 1),
		0,
	);
}

export function batchUrls(items: number): string[] {
	return Array.from(
		{ length: items },
		(_, i) => `https://x.com/batch_${String(i + 1).padStart(4, '0')}`,
	);
}
