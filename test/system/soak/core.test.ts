import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	NyneApiError,
	NyneClient,
	RateLimiter,
	type CompletedLookup,
	type InteractionRequestBody,
	type TransportRequest,
	withCallbackUrl,
} from '../../../shared';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { fetchTransport } from '../../helpers/core/fetchTransport';
import { CANARY_KEY, CANARY_SECRET, everyRendering, leaksIn } from '../../helpers/secrets/canary';
import { scaledClock } from '../../helpers/core/scaledClock';
import { scaledSandboxClient } from '../../helpers/sandbox/sandboxFixture';
import { unseenJobPosts } from '../../helpers/soak/jobCounting';
import { CALLBACK_FAULT_RATES, SOAK_FAULT_RATES } from '../../helpers/soak/faultProfile';
import { GAVE_UP } from '../../helpers/soak/soakVerdict';
import { startCallbackListener, type CallbackListener } from '../../helpers/soak/callbackListener';
import {
	personKey,
	soakJobDuration,
	soakLookups,
	type SoakLookup,
} from '../../helpers/soak/targets';
import { runLookup } from '../../helpers/core/runLookup';

/** 120 keeps CI well under a minute; NYNE_SOAK_LOOKUPS=500 for a run by hand. */
const LOOKUPS = Math.max(15, Number(process.env.NYNE_SOAK_LOOKUPS ?? 120));
/** Real ms per API ms: a 20-s job takes 40 ms, the 60/min window 120 ms. */
const TIME_SCALE = 0.002;
const WAIT_TIMEOUT_MS = 24 * 3_600_000;

type Ending =
	{ kind: 'completed'; lookup: CompletedLookup } | { kind: 'error'; error: NyneApiError };

let clean: Sandbox;
let cleanClient: NyneClient;

beforeAll(async () => {
	clean = await startSandbox({ timeScale: TIME_SCALE, jobDurationMs: 0, rateLimit: false });
	cleanClient = scaledSandboxClient(clean, TIME_SCALE);
});
afterAll(async () => {
	await clean?.close();
});

/** The same lookup on a fault-free sandbox: what the result must be. */
async function cleanResult(body: InteractionRequestBody): Promise<CompletedLookup> {
	return runLookup(cleanClient, withCallbackUrl(body, undefined));
}

function bodyKeyOf(request: TransportRequest, lookups: SoakLookup[]): string | undefined {
	const url = (request.body as { social_media_url?: string } | undefined)?.social_media_url;
	return lookups.find((lookup) => lookup.body.social_media_url === url)?.key;
}

/** A faulty sandbox, a client on the matching scaled clock with one shared limiter, and a record of every POST. */
async function faultyWorld(lookups: SoakLookup[], extraRates: Record<string, number> = {}) {
	const log: string[] = [];
	const keys = [{ apiKey: CANARY_KEY, apiSecret: CANARY_SECRET }];
	const sandbox = await startSandbox({
		timeScale: TIME_SCALE,
		jobDurationMs: soakJobDuration,
		early404Ms: 6_000,
		keys,
		log: (line) => log.push(line),
	});
	sandbox.control.setRandomFaults({
		seed: 20_250_115,
		rates: { ...SOAK_FAULT_RATES, ...extraRates },
	});
	const clock = scaledClock(TIME_SCALE);
	const posts = new Map<string, Array<number | 'no answer'>>();
	const transport = fetchTransport({
		timeScale: TIME_SCALE,
		apiNow: clock.now,
		onExchange: (request, outcome) => {
			if (request.method !== 'POST') return;
			const key = bodyKeyOf(request, lookups) ?? '?';
			posts.set(key, [
				...(posts.get(key) ?? []),
				'status' in outcome ? outcome.status : 'no answer',
			]);
		},
	});
	const client = scaledSandboxClient(sandbox, TIME_SCALE, {
		transport,
		...clock,
		limiter: new RateLimiter(),
	});
	return { sandbox, client, log, posts, clock };
}

function countBy(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** Every POST after the first for a target must follow an answer that proves no job was made (429 or 500). */
function expectResendsOnlyAfterProvenRejections(
	posts: Map<string, Array<number | 'no answer'>>,
	lookups: SoakLookup[],
): void {
	for (const lookup of lookups) {
		const answers = posts.get(lookup.key) ?? [];
		expect(answers.length, lookup.key).toBeGreaterThan(0);
		for (const earlier of answers.slice(0, -1))
			expect([429, 500], `${lookup.key}: ${answers.join(',')}`).toContain(earlier);
	}
}

describe(`fault soak: ${LOOKUPS} lookups through the core against a sandbox with random faults`, () => {
	let world: Awaited<ReturnType<typeof faultyWorld>>;
	afterAll(async () => {
		await world?.sandbox.close();
	});

	it('polling: every lookup ends with its full result or a clear error, with no duplicate submission', async () => {
		const lookups = soakLookups(LOOKUPS, 'soak');
		world = await faultyWorld(lookups);
		world.sandbox.control.injectFault({ kind: 'rate_limit', times: 8, retryAfterSeconds: 2 });
		const endings: Ending[] = await Promise.all(
			lookups.map((lookup, i) =>
				world.clock
					.sleep((i % 60) * 500)
					.then(() => runLookup(world.client, lookup.body, { timeoutMs: WAIT_TIMEOUT_MS }))
					.then(
						(completed): Ending => ({ kind: 'completed', lookup: completed }),
						(error: unknown): Ending => {
							if (!(error instanceof NyneApiError)) throw error;
							return { kind: 'error', error };
						},
					),
			),
		);
		const stats = world.sandbox.control.stats();
		const unknown: SoakLookup[] = [];
		const gaveUp: SoakLookup[] = [];
		for (const [i, ending] of endings.entries()) {
			const lookup = lookups[i];
			const submissions = stats.submissionsByTarget[lookup.key] ?? 0;
			if (ending.kind === 'error') {
				expect(ending.error.message.length, lookup.key).toBeGreaterThan(20);
				if (ending.error.code === 'submission_unknown') {
					unknown.push(lookup);
					expect(submissions, lookup.key).toBeLessThanOrEqual(1);
					continue;
				}
				if (GAVE_UP.has(ending.error.code)) {
					// Six faulty answers in a row: the client stops retrying and says so (rare, allowed, counted below).
					gaveUp.push(lookup);
					expect(submissions, lookup.key).toBeLessThanOrEqual(1);
					continue;
				}
				expect(`${lookup.key}: ${ending.error.code}`).toBe(
					`${lookup.key}: ${lookup.noData ? 'lookup_failed' : '(a result)'}`,
				);
				expect(submissions).toBe(1);
				continue;
			}
			expect(lookup.noData, lookup.key).toBe(false);
			expect(submissions, lookup.key).toBe(1);
			const expected = await cleanResult(lookup.body);
			const people = ending.lookup.result.interactions;
			expect(new Set(people.map(personKey)).size, lookup.key).toBe(people.length);
			expect(people, lookup.key).toEqual(expected.result.interactions);
			expect(ending.lookup.result_count).toBe(expected.result_count);
		}
		const codes = endings.map((ending) =>
			ending.kind === 'completed' ? 'completed' : ending.error.code,
		);
		console.log(
			`soak polling: ${LOOKUPS} lookups ->`,
			countBy(codes),
			`| sandbox: ${stats.requests} requests, ${stats.status5xx} 5xx, ${stats.status429} 429, ${stats.submissions} jobs, ${unseenJobPosts(world.log)} POST answers lost`,
		);
		// submission_unknown only where the sandbox really swallowed the answer to a POST, and never re-sent.
		expect(unknown.length).toBeLessThanOrEqual(stats.submissions);
		expect(gaveUp.length).toBeLessThanOrEqual(Math.max(2, LOOKUPS * 0.02));
		const neverSubmitted = gaveUp.filter(
			(lookup) => (stats.submissionsByTarget[lookup.key] ?? 0) === 0,
		).length;
		expect(stats.submissions).toBe(
			lookups.length - unknown.length - neverSubmitted + unseenJobPosts(world.log),
		);
		expectResendsOnlyAfterProvenRejections(world.posts, lookups);
		// The faults did happen, so the result above means something.
		expect(stats.status5xx).toBeGreaterThan(0);
		expect(stats.status429).toBeGreaterThanOrEqual(8);
		expect(world.log.some((line) => line.includes('fault=drop_connection'))).toBe(true);
		expect(world.log.some((line) => line.includes('fault=malformed_json'))).toBe(true);
		expect(endings.filter((ending) => ending.kind === 'completed').length).toBeGreaterThan(
			LOOKUPS * 0.8,
		);
		// Run with distinctive credentials: no error, result or sandbox log line carries them.
		const errors = endings.flatMap((ending) =>
			ending.kind === 'error' ? [everyRendering(ending.error)] : [],
		);
		expect(leaksIn([...errors, JSON.stringify(endings), ...world.log].join('\n'))).toEqual([]);
	});
});

describe('fault soak: callback mode, with duplicated, out-of-order and refused deliveries', () => {
	let world: Awaited<ReturnType<typeof faultyWorld>>;
	let listener: CallbackListener;
	afterAll(async () => {
		await world?.sandbox.close();
		await listener?.close();
	});

	it('each lookup is delivered once after de-duplication, with the same people as a clean lookup', async () => {
		listener = await startCallbackListener(9);
		const lookups = soakLookups(Math.ceil(LOOKUPS / 3), 'cb', {
			callbackUrl: listener.url,
			noData: false,
		});
		world = await faultyWorld(lookups, CALLBACK_FAULT_RATES);
		const submitted = await Promise.all(
			lookups.map((lookup) =>
				world.client.submit(lookup.body, { timeoutMs: WAIT_TIMEOUT_MS }).then(
					(request) => ({ lookup, requestId: request.request_id }),
					(error: unknown) => {
						if (error instanceof NyneApiError && error.code === 'submission_unknown')
							return { lookup, requestId: undefined };
						throw error;
					},
				),
			),
		);
		const known = submitted.filter((entry) => entry.requestId !== undefined);
		const jobs = world.sandbox.control.stats().jobs;
		const deadline = Date.now() + 30_000;
		while (listener.outcomes.size < jobs && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 10));
		expect(listener.outcomes.size).toBe(jobs);
		expect(listener.conflicting).toEqual([]);
		expect(listener.rejected).toBe(0);
		expect(listener.duplicates).toBeGreaterThan(0);
		for (const { lookup, requestId } of known) {
			const outcome = listener.outcomes.get(requestId as string);
			expect(outcome?.status, lookup.key).toBe('completed');
			if (outcome?.status !== 'completed') continue;
			const people = outcome.result.interactions;
			expect(new Set(people.map(personKey)).size).toBe(people.length);
			expect(people, lookup.key).toEqual((await cleanResult(lookup.body)).result.interactions);
		}
		// Jobs the client never heard of (dropped POST answers) still reach the webhook: they are the only extra ones.
		expect(listener.outcomes.size - known.length).toBe(unseenJobPosts(world.log));
		expectResendsOnlyAfterProvenRejections(world.posts, lookups);
		const deliveries = world.sandbox.control.callbacks();
		console.log(
			`soak callbacks: ${lookups.length} lookups, ${known.length} with known IDs, ${listener.outcomes.size} outcomes, ${listener.duplicates} duplicates dropped, ${deliveries.filter((d) => d.status === 500).length} refused and retried`,
		);
		expect(deliveries.some((delivery) => delivery.duplicate)).toBe(true);
		expect(deliveries.some((delivery) => delivery.status === 500)).toBe(true);
	});
});
