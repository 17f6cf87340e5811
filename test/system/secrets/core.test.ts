import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import {
	buildInteractionRequest,
	NyneClient,
	parseCallbackPayload,
	type NyneClientOptions,
	type Transport,
} from '../../../shared';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { startCallbackListener } from '../../helpers/soak/callbackListener';
import { fetchTransport } from '../../helpers/core/fetchTransport';
import { closedPortUrl } from '../../helpers/core/loopbackServer';
import { scaledClock } from '../../helpers/core/scaledClock';
import {
	CANARY_KEY,
	CANARY_SECRET,
	canaryPair,
	everyRendering,
	leaksIn,
} from '../../helpers/secrets/canary';
import { runLookup } from '../../helpers/core/runLookup';

const SCALE = 0.001;
const FOLLOWERS = buildInteractionRequest({
	type: 'followers',
	socialMediaUrl: 'https://x.com/secretsoak',
	maxResults: 20,
});

const sandboxes: Sandbox[] = [];
const sandboxLog: string[] = [];
const captured: Array<{ what: string; text: string }> = [];
const consoleCalls: string[] = [];

async function sandboxWith(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = await startSandbox({
		timeScale: SCALE,
		keys: [
			{ apiKey: CANARY_KEY, apiSecret: CANARY_SECRET },
			{ ...canaryPair('expired'), expired: true },
			{ ...canaryPair('nosub'), subscription: 'none' },
			{ ...canaryPair('nofeature'), subscription: 'no_feature' },
			{ ...canaryPair('broke'), credits: 0 },
			{ ...canaryPair('ip'), allowedIps: ['10.9.9.9'] },
			{ ...canaryPair('denied'), accessDenied: true },
		],
		log: (line) => sandboxLog.push(line),
		...options,
	});
	sandboxes.push(sandbox);
	return sandbox;
}

function clientFor(baseUrl: string, overrides: Partial<NyneClientOptions> = {}): NyneClient {
	const clock = scaledClock(SCALE);
	return new NyneClient({
		signRequests: true,
		baseUrl,
		apiKey: CANARY_KEY,
		apiSecret: CANARY_SECRET,
		transport: fetchTransport({ timeScale: SCALE, apiNow: clock.now }),
		...clock,
		limiter: false,
		...overrides,
	});
}

/** Runs a flow and keeps every rendering of what it returned or threw. */
async function capture(what: string, flow: () => Promise<unknown>): Promise<unknown> {
	let outcome: unknown;
	try {
		outcome = await flow();
	} catch (error) {
		outcome = error;
	}
	captured.push({ what, text: everyRendering(outcome) });
	return outcome;
}

function errorCode(value: unknown): string | undefined {
	return (value as { code?: string } | undefined)?.code;
}

beforeAll(() => {
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			consoleCalls.push(args.map((arg) => everyRendering(arg)).join(' '));
		});
	}
});
afterAll(async () => {
	vi.restoreAllMocks();
	await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
});

describe('secret hygiene: the core against the sandbox with a distinctive key and secret', () => {
	afterEach(() => {
		for (const { what, text } of captured.splice(0)) expect(leaksIn(text), what).toEqual([]);
	});

	it('successful, failed and usage flows', async () => {
		const sandbox = await sandboxWith();
		const client = clientFor(sandbox.url);
		expect(errorCode(await capture('ok', () => runLookup(client, FOLLOWERS)))).toBeUndefined();
		const noData = buildInteractionRequest({
			type: 'following',
			socialMediaUrl: 'https://instagram.com/nodata_secret',
		});
		expect(errorCode(await capture('no data', () => runLookup(client, noData)))).toBe(
			'lookup_failed',
		);
		expect(errorCode(await capture('usage', () => client.getUsage()))).toBeUndefined();
		expect(
			errorCode(
				await capture('unknown request', () => client.getRequest('interaction_000000000000_1')),
			),
		).toBe('request_not_found');
	});

	it('every credential and account error the API has', async () => {
		const sandbox = await sandboxWith();
		const cases: Array<[string, Partial<NyneClientOptions>]> = [
			['invalid_api_secret', { apiSecret: `${CANARY_SECRET}_wrong` }],
			['invalid_api_key', { apiKey: `${CANARY_KEY}_unknown` }],
			['missing_credentials', { apiSecret: '' }],
			['api_key_expired', canaryPair('expired')],
			['no_active_subscription', canaryPair('nosub')],
			['subscription_required', canaryPair('nofeature')],
			['insufficient_credits', canaryPair('broke')],
			['ip_not_allowed', canaryPair('ip')],
			['access_denied', canaryPair('denied')],
		];
		for (const [code, overrides] of cases) {
			expect(
				errorCode(
					await capture(code, () => runLookup(clientFor(sandbox.url, overrides), FOLLOWERS)),
				),
			).toBe(code);
		}
	});

	it('rate limits, faults, timeouts, aborts and an unreachable API', async () => {
		// On real time, so the one-a-minute window cannot pass between the two calls however slow the machine is.
		const limited = await sandboxWith({ rateLimit: { perMinute: 1 }, timeScale: 1 });
		const strict = clientFor(limited.url, { maxRetries: 0 });
		await capture('first', () => strict.getUsage());
		expect(errorCode(await capture('429', () => strict.getUsage()))).toBe('rate_limit_exceeded');
		const monthly = await sandboxWith({ rateLimit: { monthly: 1 } });
		await capture('first of month', () => clientFor(monthly.url).getUsage());
		expect(errorCode(await capture('monthly', () => clientFor(monthly.url).getUsage()))).toBe(
			'monthly_limit_exceeded',
		);

		const sandbox = await sandboxWith({ jobDurationMs: 36_000_000 });
		const client = clientFor(sandbox.url, { maxRetries: 2 });
		sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
		expect(errorCode(await capture('dropped POST', () => client.submit(FOLLOWERS)))).toBe(
			'submission_unknown',
		);
		const { request_id: requestId } = await client.submit(FOLLOWERS);
		sandbox.control.injectFault({ kind: 'malformed_json', method: 'GET', times: 3 });
		expect(errorCode(await capture('malformed', () => client.getRequest(requestId)))).toBe(
			'invalid_response',
		);
		sandbox.control.injectFault({ kind: 'server_error', method: 'GET', times: 3 });
		expect(errorCode(await capture('5xx', () => client.getRequest(requestId)))).toBe(
			'internal_error',
		);
		sandbox.control.injectFault({ kind: 'server_error', method: 'POST', status: 502, times: 3 });
		expect(errorCode(await capture('502 html', () => client.submit(FOLLOWERS)))).toBe(
			'submission_unknown',
		);
		sandbox.control.injectFault({ kind: 'drop_connection', method: 'GET', times: 3 });
		expect(errorCode(await capture('dropped GETs', () => client.getRequest(requestId)))).toBe(
			'network_error',
		);
		expect(
			errorCode(
				await capture('timeout', () => client.waitForResult(requestId, { timeoutMs: 8_000 })),
			),
		).toBe('timeout');
		const abort = new AbortController();
		setTimeout(() => abort.abort(), 20);
		expect(
			errorCode(
				await capture('abort', () => client.waitForResult(requestId, { signal: abort.signal })),
			),
		).toBe('aborted');

		const deadUrl = await closedPortUrl();
		expect(
			errorCode(
				await capture('refused', () => runLookup(clientFor(deadUrl, { maxRetries: 1 }), FOLLOWERS)),
			),
		).toBe('network_error');
	});

	it('a server or network layer that echoes the secret back is redacted', async () => {
		const echo: Transport = async (request) => ({
			status: 400,
			headers: {},
			body: {
				success: false,
				error: {
					code: 'invalid_url',
					message: `bad request from ${request.headers['x-api-key']}:${request.headers['x-api-secret']}`,
				},
			},
		});
		const thrower: Transport = async (request) => {
			throw Object.assign(
				new Error(`proxy refused ${request.url} with secret ${request.headers['x-api-secret']}`),
				{ code: undefined },
			);
		};
		const clock = scaledClock(SCALE);
		for (const [what, transport] of [
			['echo', echo],
			['thrower', thrower],
		] as const) {
			const client = new NyneClient({
				signRequests: true,
				baseUrl: 'http://127.0.0.1:9',
				apiKey: CANARY_KEY,
				apiSecret: CANARY_SECRET,
				transport,
				...clock,
				limiter: false,
				maxRetries: 1,
			});
			expect(errorCode(await capture(`${what} submit`, () => client.submit(FOLLOWERS)))).toMatch(
				/invalid_url|submission_unknown/,
			);
			expect(
				errorCode(await capture(`${what} get`, () => client.getRequest('interaction_x_1'))),
			).toMatch(/invalid_url|network_error/);
		}
	});

	it('callback payloads carry no credentials', async () => {
		const listener = await startCallbackListener();
		const bodies: string[] = [];
		try {
			const sandbox = await sandboxWith({ jobDurationMs: 1_000 });
			const client = clientFor(sandbox.url);
			const body = buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: 'https://x.com/secretcb',
				callbackUrl: listener.url,
			});
			const { request_id: requestId } = await client.submit(body);
			const deadline = Date.now() + 5_000;
			while (!listener.outcomes.has(requestId) && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 5));
			const outcome = listener.outcomes.get(requestId);
			expect(outcome?.status).toBe('completed');
			bodies.push(JSON.stringify(outcome), everyRendering(sandbox.control.callbacks()));
			await capture('bad callback', async () =>
				parseCallbackPayload(`{"request_id":"${CANARY_SECRET}"`),
			);
		} finally {
			await listener.close();
		}
		for (const text of bodies) expect(leaksIn(text)).toEqual([]);
	});
});

describe('secret hygiene: everything the runs above printed or logged', () => {
	it('the sandbox log lines of the runs above never contain the key or the secret', () => {
		expect(sandboxLog.length).toBeGreaterThan(20);
		expect(sandboxLog.filter((line) => leaksIn(line).length > 0)).toEqual([]);
	});

	it('with query-parameter auth, the sandbox log shows neither the key nor the secret', async () => {
		const lines = sandboxLog.length;
		const sandbox = await sandboxWith();
		const query = `api_key=${CANARY_KEY}&api_secret=${CANARY_SECRET}`;
		expect((await fetch(`${sandbox.url}/usage?${query}`)).status).toBe(200);
		expect(
			(await fetch(`${sandbox.url}/person/interactions?request_id=interaction_0_1&${query}`))
				.status,
		).toBe(404);
		const fresh = sandboxLog
			.slice(lines)
			.filter((line) => line.startsWith('GET /usage') || line.includes('interaction_0_1'));
		expect(fresh.length).toBe(2);
		expect(fresh.filter((line) => leaksIn(line).length > 0)).toEqual([]);
	});

	it('console output stayed clean', () => {
		expect(consoleCalls.filter((line) => leaksIn(line).length > 0)).toEqual([]);
	});

	it('the canary check itself finds a planted leak', () => {
		expect(leaksIn(`x ${CANARY_SECRET.slice(12, 24)} y`).length).toBeGreaterThan(0);
		expect(leaksIn(everyRendering(new Error(`key ${CANARY_KEY}`))).length).toBeGreaterThan(0);
	});
});
