import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildInteractionRequest, parseCallbackPayload } from '../shared';
import { fixed, mean, table } from './format';
import { sized } from './mode';
import { naiveFixedPoll } from './naive';
import { startWorld, type World } from './world';

const SCALE = 0.1;
const JOB_SECONDS = sized([5, 30, 60, 120, 600], [5, 60]);
const JOBS_PER_CELL = sized(5, 2);
/** Issue 5's targets for the core: at most 12 polls for a 1-minute job and 40 for a 10-minute one. */
const POLL_TARGETS: Record<number, string> = { 60: '12', 600: '40' };
const STRATEGIES = ['core policy', 'fixed 1-s poll', 'fixed 5-s poll', 'callback'] as const;
type Strategy = (typeof STRATEGIES)[number];

interface Run {
	polls: number;
	lagMs: number;
	done: boolean;
}

/** A loopback webhook that notes, on the scaled clock, when each request's callback arrived. */
async function callbackReceiver(world: World) {
	const arrived = new Map<string, number>();
	const waiters = new Map<string, () => void>();
	const server = createServer((req, res) => {
		let text = '';
		req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		req.on('end', () => {
			const { request_id: requestId } = parseCallbackPayload(text);
			if (!arrived.has(requestId)) arrived.set(requestId, world.clock.now());
			waiters.get(requestId)?.();
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		arrival: (requestId: string) =>
			new Promise<number>((resolve) => {
				const done = () => resolve(arrived.get(requestId) as number);
				if (arrived.has(requestId)) done();
				else waiters.set(requestId, done);
			}),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

async function runOne(
	world: World,
	strategy: Strategy,
	username: string,
	jobMs: number,
	hookUrl: string,
	arrival: (id: string) => Promise<number>,
): Promise<Run> {
	if (strategy === 'callback') {
		const client = world.client();
		const at = world.clock.now();
		const submitted = await client.submit(
			buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: `https://x.com/${username}`,
				callbackUrl: hookUrl,
			}),
		);
		return { polls: 0, lagMs: (await arrival(submitted.request_id)) - at - jobMs, done: true };
	}
	const body = buildInteractionRequest({
		type: 'followers',
		socialMediaUrl: `https://x.com/${username}`,
	});
	if (strategy === 'core policy') {
		const counter = { GET: 0, POST: 0 };
		const client = world.client({ counter });
		const at = world.clock.now();
		const submitted = await client.submit(body);
		const outcome = await client.waitForResult(submitted.request_id, { timeoutMs: 3_600_000 });
		return {
			polls: counter.GET,
			lagMs: world.clock.now() - at - jobMs,
			done: outcome.status === 'completed',
		};
	}
	const pollMs = strategy === 'fixed 1-s poll' ? 1_000 : 5_000;
	const result = await naiveFixedPoll(world, body, pollMs);
	return {
		polls: result.polls,
		lagMs: world.clock.now() - result.submittedAt - jobMs,
		done: result.done,
	};
}

/** Polls per job and detection lag (result in hand minus job completion, API seconds) for each strategy and job length. */
export async function pollingBench(): Promise<string> {
	const durations = new Map<string, number>();
	const world = await startWorld(SCALE, {
		rateLimit: false,
		jobDurationMs: (job) => durations.get(job.username ?? '') ?? 0,
	});
	const hook = await callbackReceiver(world);
	try {
		const cells: Array<{ seconds: number; strategy: Strategy; runs: Run[] }> = [];
		for (const seconds of JOB_SECONDS) {
			const batch = STRATEGIES.map((strategy, s) => {
				const runs = Array.from({ length: JOBS_PER_CELL }, (_, k) => {
					const username = `p${seconds}s${s}k${k}`;
					durations.set(username, seconds * 1000);
					return world.clock
						.sleep(k * 700)
						.then(() => runOne(world, strategy, username, seconds * 1000, hook.url, hook.arrival));
				});
				return Promise.all(runs).then((done) => ({ seconds, strategy, runs: done }));
			});
			cells.push(...(await Promise.all(batch)));
		}
		const rows: Array<Array<string | number>> = [
			[
				'job length',
				'strategy',
				'polls/job',
				'target polls',
				'mean lag (s)',
				'max lag (s)',
				'target lag (s)',
				'all done',
			],
		];
		for (const cell of cells) {
			const lags = cell.runs.map((run) => run.lagMs / 1000);
			rows.push([
				cell.seconds >= 60 ? `${cell.seconds / 60} min` : `${cell.seconds} s`,
				cell.strategy,
				fixed(mean(cell.runs.map((run) => run.polls))),
				cell.strategy === 'callback'
					? '0'
					: cell.strategy === 'core policy'
						? (POLL_TARGETS[cell.seconds] ?? '-')
						: '-',
				fixed(mean(lags)),
				fixed(Math.max(...lags)),
				cell.strategy === 'callback' ? '-' : fixed(Math.max(5, cell.seconds / 10), 0),
				cell.runs.every((run) => run.done) ? 'yes' : 'NO',
			]);
		}
		return [
			`${JOBS_PER_CELL} jobs per row, started 0.7 s apart; lag = result in hand minus job completion. Target lag: max(5 s, 10% of the job).`,
			'',
			table(rows),
		].join('\n');
	} finally {
		await hook.close();
		await world.sandbox.close();
	}
}
