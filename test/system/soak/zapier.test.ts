import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { Fault } from '../../../sandbox/types';
import type { InteractionPerson, InteractionRequestBody } from '../../../shared';
import { CANARY_KEY, CANARY_SECRET, everyRendering, leaksIn } from '../../helpers/secrets/canary';
import { soakJobDuration, soakLookups, type SoakLookup } from '../../helpers/soak/targets';
import { scaledSandboxClient } from '../../helpers/sandbox/sandboxFixture';
import { unseenJobPosts } from '../../helpers/soak/jobCounting';
import { CALLBACK_FAULT_RATES, SOAK_FAULT_RATES } from '../../helpers/soak/faultProfile';
import type { LookupOutput, StartedOutput } from '../../../zapier/src/lookupOutput';
import type { PersonItem } from '../../../zapier/src/people';
import { appTester, authFor } from '../../helpers/zapier/harness';
import {
	captureConsole,
	createZapRunner,
	sleep,
	startHookRecorder,
	waitForCallbacksToSettle,
	type HookRecorder,
	type StepEnding,
	type ZapierFailure,
} from '../../helpers/zapier/soakRunner';
import { runLookup } from '../../helpers/core/runLookup';

/** 40 keeps the suite well under a minute; NYNE_SOAK_ZAPIER=500 for a run by hand. */
const LOOKUPS = Math.max(10, Number(process.env.NYNE_SOAK_ZAPIER ?? 40));
const HOOK_LOOKUPS = Math.max(5, Math.ceil(LOOKUPS / 2));
/** Real ms per API ms: a 45-s job takes 45 ms; Zapier's 30-s reschedule after a 5xx, 30 ms. */
const TIME_SCALE = 0.001;
const SEED = 20_250_611;
/** A burst of 429s on the first POSTs, with a Retry-After Zapier must pass on as the ThrottledError delay. */
const BURST = { count: 5, retryAfterSeconds: 42 };
/** One of each kind up front (after the burst), so every kind happens whatever the random rolls give. */
const SURE_FAULTS: Fault[] = [
	{ kind: 'malformed_json', method: 'POST' },
	{ kind: 'drop_connection', method: 'POST' },
	{ kind: 'server_error', method: 'POST' },
	{ kind: 'slow', method: 'POST' },
	{ kind: 'malformed_json', method: 'GET' },
	{ kind: 'drop_connection', method: 'GET' },
	{ kind: 'server_error', method: 'GET' },
	{ kind: 'early_404' },
	{ kind: 'slow', method: 'GET' },
];
/** A Zap polling "Find Interaction Request" every 5 s (API time). */
const POLL_EVERY_MS = 5_000 * TIME_SCALE;
const MAX_POLLS = 300;
/** How often the soak lets Zapier re-run a step after a ThrottledError before taking the error as the ending. */
const MAX_RESCHEDULES = 10;
/** Every share-path lookup (fetch_interactions perform -> callback -> performResume) is one of these. */
const isResumeLookup = (i: number) => i % 8 === 7;

const RATE_LIMITED = /Nyne's rate limit was reached/;
const SERVER_ERROR = /Nyne had an internal error/;
const UNREACHABLE = /Could not reach Nyne/;
const GARBLED = /Nyne answered with something other than the expected JSON/;
/** Fields the app adds to each person; the rest must be the API's person, unchanged. */
const ITEM_META = ['id', 'request_id', 'platform', 'interaction_type', 'target_username'];

type Person = PersonItem;

type Ending =
	| { kind: 'completed'; output: LookupOutput }
	| { kind: 'failed'; message: string }
	| { kind: 'error'; stage: 'submit' | 'poll' | 'callback'; failure: ZapierFailure };

interface LookupRun {
	lookup: SoakLookup;
	path: 'find' | 'resume';
	requestId?: string;
	ending: Ending;
	submitThrottles: ZapierFailure[];
	pollThrottles: ZapierFailure[];
	/** Searches that answered "nothing found" for a request that exists (a 404 from Nyne). */
	notFound: number;
	/** The people's ids when the completed request was looked up once more. */
	repeatIds?: string[];
	started?: LookupOutput;
}

/** A lookup's run as its first step left it: over already when that step failed. */
function runAfterStart(
	lookup: SoakLookup,
	path: LookupRun['path'],
	started: StepEnding<unknown>,
): LookupRun {
	const run: LookupRun = {
		lookup,
		path,
		submitThrottles: started.throttles,
		pollThrottles: [],
		notFound: 0,
		ending: { kind: 'failed', message: 'unfinished' },
	};
	return started.ok
		? run
		: { ...run, ending: { kind: 'error', stage: 'submit', failure: started.failure } };
}

const auth = (sandbox: Sandbox) => authFor(sandbox.url, CANARY_KEY, CANARY_SECRET);
const inputOf = (body: InteractionRequestBody) => ({
	type: body.type,
	social_media_url: body.social_media_url,
	max_results: String(body.max_results),
});

let clean: Sandbox;
/** People of a fault-free direct lookup through the core, by target key. */
const cleanPeople = new Map<string, InteractionPerson[]>();

beforeAll(async () => {
	clean = await startSandbox({ timeScale: TIME_SCALE, jobDurationMs: 0, rateLimit: false });
	const client = scaledSandboxClient(clean, TIME_SCALE);
	// Before any Zapier run: the platform wraps global fetch with its logger on the first one.
	const all = [...soakLookups(LOOKUPS, 'zap'), ...soakLookups(HOOK_LOOKUPS, 'hook')].filter(
		(lookup) => !lookup.noData,
	);
	await Promise.all(
		all.map(async (lookup) =>
			cleanPeople.set(lookup.key, (await runLookup(client, lookup.body)).result.interactions),
		),
	);
});
afterAll(async () => {
	await clean?.close();
});

async function faultySandbox(log: string[], rates: Record<string, number>): Promise<Sandbox> {
	const sandbox = await startSandbox({
		timeScale: TIME_SCALE,
		jobDurationMs: soakJobDuration,
		early404Ms: 6_000,
		rateLimit: false,
		keys: [{ apiKey: CANARY_KEY, apiSecret: CANARY_SECRET }],
		log: (line) => log.push(line),
	});
	sandbox.control.setRandomFaults({ seed: SEED, rates });
	return sandbox;
}

/** The item with the app's additions taken off: what the API said about the person. */
function apiPerson(item: Person, expected: InteractionPerson): Record<string, unknown> {
	const person: Record<string, unknown> = { ...item };
	for (const key of ITEM_META) delete person[key];
	if (!('relation' in expected)) delete person.relation;
	return person;
}

/** Full result: the clean lookup's people, in order, none missing or doubled, each id unique and tied to the request. */
function expectSamePeople(items: Person[], lookup: SoakLookup, requestId: string): void {
	const expected = cleanPeople.get(lookup.key);
	expect(expected, lookup.key).toBeDefined();
	if (!expected) return;
	expect(
		items.map((item, i) => apiPerson(item, expected[i] ?? {})),
		lookup.key,
	).toEqual(expected);
	expect(new Set(items.map((item) => item.id)).size, lookup.key).toBe(items.length);
	for (const item of items) {
		expect(item.request_id, lookup.key).toBe(requestId);
		expect(item.id.startsWith(`${requestId}:`), `${lookup.key} ${item.id}`).toBe(true);
	}
}

/**
 * Every ThrottledError says why, and carries the delay Zapier waits: Retry-After for 429, 30 s for a 5xx.
 * A GET may also be re-run after no answer or a garbled one; a POST only after a 429 or 5xx.
 */
function expectThrottle(failure: ZapierFailure, isGet: boolean): void {
	expect(failure.name).toBe('ThrottledError');
	if (RATE_LIMITED.test(failure.message)) {
		expect(failure.delay).toBeGreaterThanOrEqual(1);
	} else if (
		SERVER_ERROR.test(failure.message) ||
		(isGet && (UNREACHABLE.test(failure.message) || GARBLED.test(failure.message)))
	) {
		expect(failure.delay).toBe(30);
	} else {
		throw new Error(`unexpected ThrottledError${isGet ? '' : ' on a submit'}: ${failure.message}`);
	}
}

function everything(runs: unknown, failures: ZapierFailure[], ...texts: string[][]): string {
	return [
		JSON.stringify(runs),
		...failures.map((failure) => everyRendering(failure.error)),
		...texts.flat(),
	].join('\n');
}

describe(`Zapier fault soak: ${LOOKUPS} lookups through the app tester against a sandbox with random faults`, () => {
	let sandbox: Sandbox;
	let hooks: HookRecorder;
	const log: string[] = [];
	let zap: ReturnType<typeof createZapRunner>;
	let authData: ReturnType<typeof auth>;
	let printed: ReturnType<typeof captureConsole>;
	let runs: LookupRun[];
	const resumedCopies: Array<{ run: LookupRun; again: StepEnding<LookupOutput> }> = [];
	let stats: ReturnType<Sandbox['control']['stats']>;
	/** Every Zapier error the runs met: reschedules, endings and failed copies. */
	const failures: ZapierFailure[] = [];
	/** Runs that ended rescheduled more often than the soak allows (Zapier would keep trying). */
	const gaveUp: LookupRun[] = [];

	beforeAll(async () => {
		sandbox = await faultySandbox(log, { ...SOAK_FAULT_RATES, ...CALLBACK_FAULT_RATES });
		sandbox.control.injectFault({
			kind: 'rate_limit',
			method: 'POST',
			times: BURST.count,
			retryAfterSeconds: BURST.retryAfterSeconds / TIME_SCALE,
		});
		for (const fault of SURE_FAULTS) sandbox.control.injectFault(fault);
		// Zapier's callback URL may be called more than once: every share-path callback comes twice here.
		sandbox.control.injectFault({ kind: 'duplicate_callback', times: LOOKUPS });
		hooks = await startHookRecorder();
		zap = createZapRunner({ timeScale: TIME_SCALE, maxReschedules: MAX_RESCHEDULES });
		authData = auth(sandbox);
		const lookups = soakLookups(LOOKUPS, 'zap');

		async function search(requestId: string): Promise<StepEnding<LookupOutput[]>> {
			return zap.step<LookupOutput[]>('searches.find_interaction_request.operation.perform', {
				authData,
				inputData: { request_id: requestId },
			});
		}

		async function viaFind(lookup: SoakLookup): Promise<LookupRun> {
			const started = await zap.step<{ request_id: string }>(
				'creates.start_interaction_lookup.operation.perform',
				{ authData, inputData: inputOf(lookup.body) },
			);
			const run = runAfterStart(lookup, 'find', started);
			if (!started.ok) return run;
			const requestId = started.value.request_id;
			run.requestId = requestId;
			for (let poll = 0; poll < MAX_POLLS; poll++) {
				await sleep(POLL_EVERY_MS);
				const found = await search(requestId);
				run.pollThrottles.push(...found.throttles);
				if (!found.ok)
					return { ...run, ending: { kind: 'error', stage: 'poll', failure: found.failure } };
				const [output] = found.value;
				if (!output) {
					run.notFound += 1;
					continue;
				}
				if (output.status === 'failed')
					return { ...run, ending: { kind: 'failed', message: output.error ?? '' } };
				if (output.status !== 'completed') continue;
				// The same request asked again (a later Zap run) must name the same people with the same ids.
				for (let again = 0; again < 20 && !run.repeatIds; again++) {
					const repeat = await search(requestId);
					// A 404 while the request is young reads as pending (the core's 404 rule): ask again.
					if (repeat.ok && repeat.value[0]?.status === 'completed')
						run.repeatIds = repeat.value[0].interactions.map((person) => person.id);
				}
				return { ...run, ending: { kind: 'completed', output } };
			}
			throw new Error(`${lookup.key}: still running after ${MAX_POLLS} polls`);
		}

		async function viaResume(lookup: SoakLookup, i: number): Promise<LookupRun> {
			const bundle = { authData, inputData: inputOf(lookup.body) };
			const started = await zap.step<LookupOutput>(
				'creates.fetch_interactions.operation.perform',
				bundle,
				`${hooks.url}/resume/${i}`,
			);
			const run = runAfterStart(lookup, 'resume', started);
			if (!started.ok) return run;
			run.started = started.value;
			run.requestId = started.value.request_id;
			const deadline = Date.now() + 20_000;
			const deliveryOf = () =>
				hooks.accepted.find(
					(d) => (d.body as { request_id?: unknown }).request_id === run.requestId,
				);
			let delivery = deliveryOf();
			while (!delivery && Date.now() < deadline) {
				await sleep(5);
				delivery = deliveryOf();
			}
			if (!delivery) throw new Error(`${lookup.key}: no callback for ${run.requestId}`);
			const resumed = await zap.step<LookupOutput>(
				'creates.fetch_interactions.operation.performResume',
				{ ...bundle, outputData: started.value, cleanedRequest: delivery.body },
			);
			if (resumed.ok) return { ...run, ending: { kind: 'completed', output: resumed.value } };
			if (resumed.failure.code === 'lookup_failed')
				return { ...run, ending: { kind: 'failed', message: resumed.failure.message } };
			return { ...run, ending: { kind: 'error', stage: 'callback', failure: resumed.failure } };
		}

		printed = captureConsole();
		try {
			runs = await Promise.all(
				lookups.map((lookup, i) =>
					sleep((i % 10) * 5).then(() =>
						isResumeLookup(i) ? viaResume(lookup, i) : viaFind(lookup),
					),
				),
			);
			const resumeKeys = runs.filter((run) => run.path === 'resume').map((run) => run.lookup.key);
			await waitForCallbacksToSettle(sandbox.control, () =>
				resumeKeys.reduce(
					(sum, key) => sum + (sandbox.control.stats().submissionsByTarget[key] ?? 0),
					0,
				),
			);
			// performResume once more for every copy of each callback (checked below).
			for (const run of runs.filter((r) => r.path === 'resume' && r.requestId)) {
				const copies = hooks.accepted.filter(
					(d) => (d.body as { request_id?: unknown }).request_id === run.requestId,
				);
				for (const copy of copies) {
					const again = await zap.step<LookupOutput>(
						'creates.fetch_interactions.operation.performResume',
						{
							authData,
							inputData: inputOf(run.lookup.body),
							outputData: run.started,
							cleanedRequest: copy.body,
						},
					);
					resumedCopies.push({ run, again });
				}
			}
		} finally {
			printed.restore();
		}
		stats = sandbox.control.stats();
		for (const run of runs) {
			failures.push(...run.submitThrottles, ...run.pollThrottles);
			if (run.ending.kind === 'error') failures.push(run.ending.failure);
			if (run.ending.kind === 'error' && run.ending.failure.name === 'ThrottledError')
				gaveUp.push(run);
		}
		for (const { again } of resumedCopies) if (!again.ok) failures.push(again.failure);
	}, 120_000);
	afterAll(async () => {
		await sandbox?.close();
		await hooks?.close();
	});

	it('each lookup ends with its full result, "no data" in the core\'s words, or a clear error, and is submitted at most once', () => {
		for (const run of runs) {
			const { lookup, ending } = run;
			const submissions = stats.submissionsByTarget[lookup.key] ?? 0;
			// Zapier re-runs a submitting step only after a 429 or a 5xx, which prove no job was made.
			for (const throttle of run.submitThrottles) expectThrottle(throttle, false);
			for (const throttle of run.pollThrottles) expectThrottle(throttle, true);
			if (run.requestId) expect(submissions, lookup.key).toBe(1);
			else expect(submissions, lookup.key).toBeLessThanOrEqual(1);

			if (ending.kind === 'error') {
				expect(ending.failure.message.length, lookup.key).toBeGreaterThan(20);
				// Zapier would keep rescheduling; the soak stops after MAX_RESCHEDULES (rare, counted in gaveUp).
				if (ending.failure.name === 'ThrottledError') continue;
				// A POST sent without an answer read back (dropped, cut JSON, a bare 5xx): halted (nothing re-runs it), never resent.
				expect(
					`${lookup.key} ${ending.stage} ${ending.failure.name}: ${ending.failure.message}`,
				).toMatch(/ submit HaltedError: .*not sent again/);
				continue;
			}
			if (ending.kind === 'failed') {
				expect(lookup.noData, `${lookup.key}: ${ending.message}`).toBe(true);
				expect(ending.message).toMatch(/No interaction data found/);
				if (run.path === 'resume') expect(ending.message).toMatch(/The lookup failed: /);
				continue;
			}
			expect(lookup.noData, lookup.key).toBe(false);
			const { output } = ending;
			expect(output).toMatchObject({
				request_id: run.requestId,
				status: 'completed',
				truncated: false,
				count: output.interactions.length,
			});
			expectSamePeople(output.interactions, lookup, run.requestId as string);
			if (run.path === 'find')
				expect(run.repeatIds, lookup.key).toEqual(output.interactions.map((person) => person.id));
			else
				expect(run.started).toMatchObject({
					request_id: run.requestId,
					status: 'queued',
					count: 0,
					interactions: [],
				});
		}
	});

	it('every copy of a callback resumes to exactly the same output', () => {
		// Zapier resumes once; a copy changes nothing.
		for (const { run, again } of resumedCopies) {
			if (run.ending.kind === 'completed')
				expect(again.ok && again.value, run.lookup.key).toEqual(run.ending.output);
			else
				expect(!again.ok && again.failure.message, run.lookup.key).toBe(
					run.ending.kind === 'failed' && run.ending.message,
				);
		}
		expect(resumedCopies.length).toBeGreaterThan(
			runs.filter((run) => run.path === 'resume' && run.requestId).length,
		);
	});

	it("jobs match the request IDs read, a lost POST answer is never resent, and the burst's Retry-After reaches Zapier", () => {
		const known = runs.filter((run) => run.requestId).length;
		const unknown = runs.filter(
			(run) => run.ending.kind === 'error' && run.ending.failure.name === 'HaltedError',
		).length;
		const count = (kind: Ending['kind']) => runs.filter((run) => run.ending.kind === kind).length;
		const throttles = runs.flatMap((run) => [...run.submitThrottles, ...run.pollThrottles]);
		const notFound = runs.reduce((sum, run) => sum + run.notFound, 0);
		const get404s = log.filter(
			(line) => line.startsWith('GET /person/interactions?') && / -> 404 /.test(line),
		).length;
		console.log(
			`zapier soak: ${LOOKUPS} lookups -> ${count('completed')} completed, ${count('failed')} failed (no data), ${unknown} submission_unknown, ${gaveUp.length} gave up;`,
			`${throttles.length} ThrottledErrors rescheduled, ${notFound} "not found" searches | sandbox: ${stats.requests} requests, ${stats.status5xx} 5xx, ${stats.status429} 429, ${stats.submissions} jobs, ${unseenJobPosts(log)} POST answers lost, ${hooks.accepted.length} callbacks accepted`,
		);

		// Jobs: one per lookup whose request ID the app read, plus those whose POST answer was lost; none twice.
		expect(stats.submissions).toBe(known + unseenJobPosts(log));
		expect(unknown).toBeLessThanOrEqual(
			unseenJobPosts(log) + log.filter((line) => /^POST .*dropped \(would be 4/.test(line)).length,
		);
		expect(gaveUp.length).toBeLessThanOrEqual(1);
		// The burst's Retry-After reached Zapier as the delay, once per 429 answered.
		expect(throttles.filter((t) => t.delay === BURST.retryAfterSeconds)).toHaveLength(BURST.count);
		// "Nothing found" only where Nyne answered 404 for a request that exists (early 404s): see the report.
		expect(notFound).toBeLessThanOrEqual(get404s);
	});

	it('the faults did happen, so the cases above mean something, and most lookups still completed', () => {
		expect(stats.status5xx).toBeGreaterThan(0);
		expect(stats.status429).toBeGreaterThanOrEqual(BURST.count);
		for (const fault of ['drop_connection', 'malformed_json', 'early_404', 'slow'])
			expect(
				log.some((line) => line.includes(`fault=${fault}`)),
				fault,
			).toBe(true);
		expect(runs.filter((run) => run.ending.kind === 'completed').length).toBeGreaterThan(
			LOOKUPS * 0.75,
		);
		expect(runs.some((run) => run.path === 'resume' && run.ending.kind === 'completed')).toBe(true);
		expect(sandbox.control.callbacks().some((delivery) => delivery.duplicate)).toBe(true);
	});

	it("no secret shows in outputs, errors, Zapier's log lines, the printed console or the sandbox log", () => {
		// Every error is read as message, JSON, stack and inspect output.
		expect(leaksIn(JSON.stringify(authData))).not.toEqual([]);
		expect(leaksIn(everything(runs, failures, zap.logged, printed.lines, log))).toEqual([]);
		// The captures did see the app's traffic, so "no leak" above covers it.
		expect(zap.logged.length).toBeGreaterThan(0);
		expect(printed.lines.some((line) => line.includes('/person/interactions'))).toBe(true);
	});
});

describe(`Zapier fault soak: one instant Zap receives every lookup Start Interaction Lookup sends, through duplicated, out-of-order and refused callbacks`, () => {
	let sandbox: Sandbox;
	let hooks: HookRecorder;
	const log: string[] = [];
	let zap: ReturnType<typeof createZapRunner>;
	let printed: ReturnType<typeof captureConsole>;
	let lookups: SoakLookup[];
	let subscription: StepEnding<{ id: string }>;
	let starts: Array<StepEnding<StartedOutput>>;
	const performed: Array<{ requestId: string; result: StepEnding<Person[]> }> = [];
	let undone: StepEnding<unknown>;
	let stats: ReturnType<Sandbox['control']['stats']>;
	let deliveries: ReturnType<Sandbox['control']['callbacks']>;
	const HOOK_PATH = '/hooks/catch/instant/';
	const performedByRequest = () => {
		const byRequest = new Map<string, typeof performed>();
		for (const p of performed)
			byRequest.set(p.requestId, [...(byRequest.get(p.requestId) ?? []), p]);
		return byRequest;
	};
	const startedLookup = (requestId: string) => {
		const i = starts.findIndex((start) => start.ok && start.value.request_id === requestId);
		return i < 0 ? undefined : lookups[i];
	};
	/** Every Zapier error met: reschedules and failed starts, and failed performs. */
	const failures: ZapierFailure[] = [];

	beforeAll(async () => {
		sandbox = await faultySandbox(log, { ...SOAK_FAULT_RATES, ...CALLBACK_FAULT_RATES });
		for (const fault of SURE_FAULTS.filter((f) => f.method === 'POST'))
			sandbox.control.injectFault(fault);
		sandbox.control.injectFault({ kind: 'rate_limit', method: 'POST' });
		sandbox.control.injectFault({ kind: 'duplicate_callback', times: 2 });
		sandbox.control.injectFault({ kind: 'out_of_order_callback', times: 2 });
		hooks = await startHookRecorder(7);
		zap = createZapRunner({ timeScale: TIME_SCALE, maxReschedules: MAX_RESCHEDULES });
		const authData = auth(sandbox);
		lookups = soakLookups(HOOK_LOOKUPS, 'hook');

		printed = captureConsole();
		try {
			subscription = await zap.step<{ id: string }>(
				'triggers.interaction_results.operation.performSubscribe',
				{ authData, inputData: {}, targetUrl: `${hooks.url}${HOOK_PATH}` },
			);
			starts = await Promise.all(
				lookups.map((lookup) =>
					zap.step<StartedOutput>('creates.start_interaction_lookup.operation.perform', {
						authData,
						inputData: inputOf(lookup.body),
					}),
				),
			);
			await waitForCallbacksToSettle(sandbox.control, () => sandbox.control.stats().submissions);
			// Zapier runs `perform` once per body its hook accepted, in arrival order.
			for (const delivery of hooks.accepted) {
				expect(delivery.path).toBe(HOOK_PATH);
				const result = await zap.step<Person[]>('triggers.interaction_results.operation.perform', {
					authData,
					inputData: {},
					subscribeData: subscription.ok ? subscription.value : undefined,
					cleanedRequest: delivery.body,
				});
				const requestId = String((delivery.body as { request_id?: unknown }).request_id);
				performed.push({ requestId, result });
			}
			if (subscription.ok)
				undone = await zap.step('triggers.interaction_results.operation.performUnsubscribe', {
					authData,
					subscribeData: subscription.value,
				});
		} finally {
			printed.restore();
		}
		stats = sandbox.control.stats();
		deliveries = sandbox.control.callbacks();
		for (const start of starts)
			failures.push(...start.throttles, ...(start.ok ? [] : [start.failure]));
		for (const { result } of performed) if (!result.ok) failures.push(result.failure);
	}, 120_000);
	afterAll(async () => {
		await sandbox?.close();
		await hooks?.close();
	});

	it('turning the instant Zap on registers its hook, and each start sends it; a lost answer is a clear error, never resent', () => {
		expect(subscription.ok).toBe(true);
		for (const [i, start] of starts.entries()) {
			const lookup = lookups[i] as SoakLookup;
			for (const throttle of start.throttles) expectThrottle(throttle, false);
			if (!start.ok) {
				expect(`${start.failure.name}: ${start.failure.message}`).toMatch(
					/^HaltedError: .*not sent again/,
				);
				expect(stats.submissionsByTarget[lookup.key] ?? 0).toBeLessThanOrEqual(1);
				continue;
			}
			expect(stats.submissionsByTarget[lookup.key], lookup.key).toBe(1);
			expect(start.value.reaches_instant_trigger, lookup.key).toBe(true);
			expect(performedByRequest().get(start.value.request_id)?.length, lookup.key).toBeGreaterThan(
				0,
			);
		}
		// Every delivery went to the one registered hook, none elsewhere.
		expect(new Set(deliveries.map((d) => d.url))).toEqual(new Set([`${hooks.url}${HOOK_PATH}`]));
	});

	it('turning the Zap off unregisters it', () => {
		expect(undone.ok && undone.value).toEqual({
			id: subscription.ok ? subscription.value.id : '',
			unregistered: true,
		});
	});

	it('the instant trigger gives each lookup its people once: duplicates, late copies and retried deliveries fire nothing', () => {
		const allIds: string[] = [];
		for (const [requestId, copies] of performedByRequest()) {
			const [first, ...later] = copies;
			if (!first) continue;
			for (const copy of later) expect(copy.result.ok && copy.result.value, requestId).toEqual([]);
			const lookup = startedLookup(requestId);
			if (!first.result.ok) {
				expect(first.result.failure.code).toBe('lookup_failed');
				expect(first.result.failure.message).toMatch(
					/The lookup failed: No interaction data found/,
				);
				if (lookup) expect(lookup.noData, lookup.key).toBe(true);
				continue;
			}
			if (lookup) {
				expect(lookup.noData, lookup.key).toBe(false);
				expectSamePeople(first.result.value, lookup, requestId);
			} else {
				// A start whose answer was lost: the job ran and was paid for, so its people still reach the Zap,
				// checked with Nyne because the app never saw its request ID.
				expect(first.result.value.length, requestId).toBeGreaterThan(0);
				for (const item of first.result.value) expect(item.request_id).toBe(requestId);
			}
			allIds.push(...first.result.value.map((item) => item.id));
		}
		// Ids never collide across lookups, so the dedupe drops only true copies.
		expect(new Set(allIds).size).toBe(allIds.length);
	});

	it('every callback was performed, copies and retried deliveries included, and the faults did happen', () => {
		const byRequest = performedByRequest();
		const known = starts.filter((s) => s.ok).length;
		console.log(
			`zapier soak instant trigger: ${lookups.length} starts (${known} with a request ID) -> ${byRequest.size} lookups called back, ${hooks.accepted.length} bodies performed,`,
			`${deliveries.filter((d) => d.duplicate).length} duplicate deliveries, ${hooks.refused} refused and retried | sandbox: ${stats.status5xx} 5xx, ${stats.status429} 429, ${stats.submissions} jobs`,
		);
		expect(stats.submissions).toBe(known + unseenJobPosts(log));
		expect(byRequest.size).toBe(stats.submissions);
		// Starting lookups met a 429, a 5xx and lost answers: rescheduled, or a clear error.
		expect(starts.flatMap((s) => s.throttles).length).toBeGreaterThanOrEqual(2);
		expect(starts.filter((s) => !s.ok).length).toBeGreaterThanOrEqual(2);
		// Every 200 was a body the hook accepted. An attempt the sandbox timed out (its 0.5-s floor, on a loaded
		// machine) may still have reached the hook and been accepted; it was retried like any failed attempt.
		const answered = deliveries.filter((d) => d.status === 200).length;
		const timedOut = deliveries.filter((d) => d.error === 'timeout').length;
		expect(hooks.accepted.length).toBeGreaterThanOrEqual(answered);
		expect(hooks.accepted.length).toBeLessThanOrEqual(answered + timedOut);
		expect(hooks.accepted.length).toBeGreaterThan(byRequest.size);
		expect(deliveries.some((d) => d.duplicate && d.status === 200)).toBe(true);
		expect(hooks.refused).toBeGreaterThan(0);
		expect(deliveries.some((d) => d.attempt > 1 && d.status === 200)).toBe(true);
	});

	it("no secret shows in outputs, errors, Zapier's log lines, the printed console or the sandbox log", () => {
		expect(
			leaksIn(
				everything({ subscription, starts, performed }, failures, zap.logged, printed.lines, log),
			),
		).toEqual([]);
		// The captures did see the app's traffic, so "no leak" above covers it.
		expect(zap.logged.length).toBeGreaterThan(0);
		expect(printed.lines.some((line) => line.includes('/person/interactions'))).toBe(true);
	});
});

describe('Zapier fault soak: the secret search can fail', () => {
	it('finds the canary key when an app step prints it with z.console', async () => {
		const printed = captureConsole();
		const before = process.env.LOG_TO_STDOUT;
		process.env.LOG_TO_STDOUT = '1';
		try {
			await appTester(
				(
					z: { console: { log(...args: unknown[]): void } },
					bundle: { authData: Record<string, string> },
				) => z.console.log(`key ${bundle.authData.api_key}`),
				{
					authData: authFor('http://127.0.0.1:9', CANARY_KEY, CANARY_SECRET),
				},
			);
		} finally {
			if (before === undefined) delete process.env.LOG_TO_STDOUT;
			else process.env.LOG_TO_STDOUT = before;
			printed.restore();
		}
		expect(leaksIn(printed.lines.join('\n'))).not.toEqual([]);
	});
});
