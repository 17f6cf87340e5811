import { createHmac, randomBytes } from 'node:crypto';

import {
	batchFloorMs,
	callbackFloorMs,
	buildInteractionRequest,
	RateLimiter,
	readCallbackReference,
	signCallbackReference,
	startLookup,
	type Hmac,
} from '../shared';
import { startLoopbackServer } from '../test/helpers/core/loopbackServer';
import { fixed, table } from './format';
import { startWorld } from './world';

/*
 * The callback path of a batch, in process: the core starts every lookup with a signed reference in its
 * callback URL (as the Nyne node's Don't Wait + Reference does), the sandbox posts each result to a loopback
 * receiver that applies the Nyne Trigger's rules (the signature, one lookup per signed URL, Nyne's repeats
 * dropped). Real n8n on real time would need 5 minutes for 300 lookups; this runs on the sandbox's scaled clock.
 */
const SCALE = 0.05;
const LOOKUPS = Number(process.env.NYNE_BENCH_CALLBACK_LOOKUPS ?? 300);
const JOB_MS = 20_000;
const PER_MINUTE = 60;
const PER_HOUR = 1000;
const TOKEN = 'bench-callback-token-0123456789';
const hmac: Hmac = (key, message) => createHmac('sha256', key).update(message).digest('hex');

type Row = Array<string | number>;

export async function callbackBatchBench(
	...n8nRows: Array<() => Promise<{ row: string[]; note: string }>>
): Promise<string> {
	// The scaled clock first, alone: a real n8n still winding down would slow it and shift its windows.
	const core = await coreCallbackBatch();
	const n8n: Array<{ row: string[]; note: string }> = [];
	for (const n8nRow of n8nRows) n8n.push(await n8nRow());
	return [
		...core.lines,
		'',
		table([core.header, core.row, ...n8n.map(({ row }) => row)]),
		...n8n.map(({ note }) => note),
	].join('\n');
}

/** The core in process on the scaled clock: the table's first row, and the lines that introduce it. */
async function coreCallbackBatch(): Promise<{ lines: string[]; header: Row; row: Row }> {
	const world = await startWorld(SCALE, {
		jobDurationMs: JOB_MS,
		rateLimit: { perMinute: PER_MINUTE, perHour: PER_HOUR },
	});
	const emitted = new Map<string, number>();
	const nonceOwner = new Map<string, string>();
	const delivered = new Set<string>();
	let refused = 0;
	let lastAt = 0;
	const receiver = await startLoopbackServer(({ query, body }) => {
		const reading = readCallbackReference(query, TOKEN, hmac, Date.now());
		const requestId = String((body as { request_id?: unknown } | undefined)?.request_id ?? '');
		if (reading.kind !== 'signed' || (nonceOwner.get(reading.nonce) ?? requestId) !== requestId) {
			refused += 1;
			return { status: 403, body: '{}' };
		}
		nonceOwner.set(reading.nonce, requestId);
		if (!delivered.has(requestId)) {
			delivered.add(requestId);
			emitted.set(reading.reference, (emitted.get(reading.reference) ?? 0) + 1);
			lastAt = world.clock.now();
		}
		return { status: 200, body: '{}' };
	});
	try {
		const client = world.client({ limiter: new RateLimiter() });
		const startedAt = world.clock.now();
		await Promise.all(
			Array.from({ length: LOOKUPS }, async (_, i) => {
				const callbackUrl = signCallbackReference(
					`${receiver.url}/webhook/bench/nyne?token=${TOKEN}`,
					{
						reference: `row-${i}`,
						nonce: randomBytes(16).toString('base64url'),
						issuedAtMs: Date.now(),
					},
					TOKEN,
					hmac,
					'token',
				);
				const body = buildInteractionRequest({
					type: 'followers',
					socialMediaUrl: `https://x.com/cbbench${i}`,
					maxResults: 50,
					callbackUrl,
				});
				await startLookup(client, body).catch(() => undefined);
			}),
		);
		const floor = callbackFloorMs(LOOKUPS, JOB_MS);
		const deadline = world.clock.now() + 2 * floor;
		while (emitted.size < LOOKUPS && world.clock.now() < deadline) await world.clock.sleep(1_000);
		const stats = world.sandbox.control.stats();
		const duplicates =
			Object.values(stats.submissionsByTarget).reduce((sum, n) => sum + Math.max(0, n - 1), 0) +
			[...emitted.values()].reduce((sum, n) => sum + n - 1, 0);
		const wallMs = lastAt - startedAt;
		const polling = batchFloorMs(LOOKUPS);
		return {
			lines: [
				`${LOOKUPS} lookups of different profiles started with a signed reference in their callback URL; sandbox enforcing ` +
					`${PER_MINUTE}/min and ${PER_HOUR}/hour, jobs of ${JOB_MS / 1000} s; the core in process, not real n8n.`,
				`One-request floor: ${LOOKUPS} POSTs and the last job, ${fixed(floor / 60_000)} API min. For comparison, ` +
					`the limits alone allow ${LOOKUPS} lookups in ${fixed(polling.callback / 60_000)} min by callback and ` +
					`${fixed(polling.poll / 60_000)} min by polling (2 requests each).`,
			],
			header: [
				'path',
				'requests per lookup',
				'HTTP 429s',
				'lost',
				'duplicates',
				'refused callbacks',
				'wall (min)',
				'ratio to floor',
			],
			row: [
				"core, Don't Wait + signed reference -> receiver",
				fixed(stats.requests / LOOKUPS, 2),
				stats.status429,
				LOOKUPS - emitted.size,
				duplicates,
				refused,
				`${fixed(wallMs / 60_000)} (API)`,
				`${fixed(wallMs / floor, 2)}×`,
			],
		};
	} finally {
		await receiver.close();
		await world.sandbox.close();
	}
}
