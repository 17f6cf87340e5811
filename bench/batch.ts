import {
	buildInteractionRequest,
	NyneApiError,
	RateLimiter,
	type InteractionRequestBody,
} from '../shared';
import { windowFloorMs, pollRequests } from '../shared';
import { fixed, table } from './format';
import { sized } from './mode';
import { naiveSend, pollPath, requestIdOf, stateOf, submitPath } from './naive';
import { startWorld, type World } from './world';

const SCALE = 0.05;
const LOOKUPS = sized(300, 40);
const PER_MINUTE = 60;
const PER_HOUR = 1000;
const JOB_MS = 20_000;
const NAIVE_POLL_MS = 5_000;

interface Figures {
	label: string;
	http429: number;
	lost: number;
	duplicates: number;
	requests: number;
	wallMs: number;
}

function bodies(prefix: string): InteractionRequestBody[] {
	return Array.from({ length: LOOKUPS }, (_, i) =>
		buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: `https://x.com/${prefix}${i}`,
			maxResults: 50,
		}),
	);
}

/** NYNE_BENCH_ROWS=core,naive,n8n,queue runs only those rows of the batch table (all without it). */
function rowWanted(row: string): boolean {
	const rows = (process.env.NYNE_BENCH_ROWS ?? '')
		.split(',')
		.map((r) => r.trim())
		.filter(Boolean);
	return rows.length === 0 || rows.includes(row);
}

function tally(world: World, label: string, lost: number, startedAt: number): Figures {
	const stats = world.sandbox.control.stats();
	const duplicates = Object.values(stats.submissionsByTarget).reduce(
		(sum, count) => sum + Math.max(0, count - 1),
		0,
	);
	return {
		label,
		http429: stats.status429,
		lost,
		duplicates,
		requests: stats.requests,
		wallMs: world.clock.now() - startedAt,
	};
}

/** The core as the nodes use it: one limiter for the key, submit everything, then wait for everything. */
async function coreBatch(world: World): Promise<Figures> {
	const client = world.client({ limiter: new RateLimiter() });
	const startedAt = world.clock.now();
	const submitted = await Promise.all(
		bodies('core').map((body) =>
			client.submit(body).catch((error: unknown) => error as NyneApiError),
		),
	);
	const outcomes = await Promise.all(
		submitted.map((request) =>
			request instanceof Error
				? Promise.resolve(undefined)
				: client
						.waitForResult(request.request_id, { timeoutMs: 6 * 3_600_000 })
						.catch(() => undefined),
		),
	);
	return tally(
		world,
		'core (submit all, then wait)',
		outcomes.filter((outcome) => outcome?.status !== 'completed').length,
		startedAt,
	);
}

/** An HTTP Request node over all items, then a Wait(5 s) + GET + IF loop; retry on fail `maxTries` tries, 1 s apart. */
async function naiveBatch(world: World, maxTries: number): Promise<Figures> {
	const startedAt = world.clock.now();
	const pending: string[] = [];
	let lost = 0;
	for (const body of bodies('naive')) {
		const requestId = requestIdOf(await naiveSend(world, 'POST', submitPath(), body, maxTries));
		if (requestId) pending.push(requestId);
		else lost += 1;
	}
	while (pending.length > 0) {
		await world.clock.sleep(NAIVE_POLL_MS);
		for (const requestId of [...pending]) {
			const answer = await naiveSend(world, 'GET', pollPath(requestId), undefined, maxTries);
			const state = stateOf(answer);
			if (state === 'completed' || state === 'failed' || !answer.response)
				pending.splice(pending.indexOf(requestId), 1);
			if (!answer.response || state === 'failed') lost += 1;
		}
	}
	const tries = Number.isFinite(maxTries) ? `${maxTries} tries` : 'until it works';
	return tally(world, `naive loop (5-s poll, retry 429 after 1 s, ${tries})`, lost, startedAt);
}

async function measure(run: (world: World) => Promise<Figures>): Promise<Figures> {
	const world = await startWorld(SCALE, {
		jobDurationMs: JOB_MS,
		rateLimit: { perMinute: PER_MINUTE, perHour: PER_HOUR },
	});
	try {
		return await run(world);
	} finally {
		await world.sandbox.close();
	}
}

export async function batchBench(
	...n8nRows: Array<() => Promise<{ row: string[]; note: string }>>
): Promise<string> {
	const floor = windowFloorMs(pollRequests(LOOKUPS), JOB_MS);
	const rows: Array<Array<string | number>> = [
		[
			'path',
			'HTTP 429s',
			'lookups lost',
			'duplicate submissions',
			'requests',
			'wall (API min)',
			'ratio to floor',
		],
	];
	const runs = [
		{ row: 'core', run: coreBatch },
		{ row: 'naive', run: (world: World) => naiveBatch(world, 3) },
		{ row: 'naive', run: (world: World) => naiveBatch(world, Infinity) },
	].filter(({ row }) => rowWanted(row));
	for (const { run } of runs) {
		const figures = await measure(run);
		rows.push([
			figures.label,
			figures.http429,
			figures.lost,
			figures.duplicates,
			figures.requests,
			fixed(figures.wallMs / 60_000),
			`${fixed(figures.wallMs / floor, 2)}×`,
		]);
	}
	const notes: string[] = [];
	for (const [i, n8nRow] of n8nRows.entries()) {
		if (!rowWanted(i === 0 ? 'n8n' : 'queue')) continue;
		const n8n = await n8nRow();
		rows.push(n8n.row);
		notes.push(n8n.note);
	}
	return [
		`${LOOKUPS} lookups of different profiles, sandbox enforcing ${PER_MINUTE}/min and ${PER_HOUR}/hour, jobs of ${JOB_MS / 1000} s.`,
		`Floor: ${2 * LOOKUPS} requests (1 POST + 1 GET each) need ${fixed(floor / 60_000)} API min under the limits.`,
		'',
		table(rows),
		'',
		'A ratio below 1 only means lookups were lost. In the sandbox a 429 does not use up quota.',
		...notes,
	].join('\n');
}
