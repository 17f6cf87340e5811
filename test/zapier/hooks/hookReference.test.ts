import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { REFERENCE_QUERY } from '../../../shared';
import type { StartedOutput } from '../../../zapier/src/lookupOutput';
import type { PersonItem } from '../../../zapier/src/people';
import { startLoopbackServer, OK_JSON, type LoopbackCall } from '../../helpers/core/loopbackServer';
import {
	App,
	appTester,
	authFor,
	clearAppCache,
	performOf,
	rejectionOf,
	shownMessage,
	useSandbox,
} from '../../helpers/zapier/harness';

/*
 * Start Interaction Lookup's Reference, through Nyne's callback to the Interaction Lookup Completed Zap's hook
 * URL (a loopback listener here), back out of the trigger with each person.
 */
const operation = App.triggers.interaction_results.operation;
if (operation.type !== 'hook') throw new Error('interaction_results should be a REST hook trigger');
const trigger = operation;
const start = performOf(App.creates.start_interaction_lookup.operation.perform);
type Person = PersonItem & { reference?: string };

const env = useSandbox();
const auth = () => authFor(env.sandbox.url);
const calls: LoopbackCall[] = [];
let hook: { url: string; close(): Promise<void> };
beforeAll(async () => {
	const server = await startLoopbackServer((call) => {
		calls.push(call);
		return OK_JSON;
	});
	hook = { url: `${server.url}/hooks/standard/123/abc/`, close: server.close };
});
afterAll(async () => await hook.close());
beforeEach(() => {
	clearAppCache();
	calls.length = 0;
});

async function arrived(count: number): Promise<LoopbackCall[]> {
	for (let i = 0; i < 400 && calls.length < count; i++)
		await new Promise((resolve) => setTimeout(resolve, 25));
	expect(calls).toHaveLength(count);
	return [...calls];
}

const subscribe = () =>
	appTester(performOf(trigger.performSubscribe), {
		authData: auth(),
		inputData: {},
		targetUrl: hook.url,
	});
const startRow = async (url: string, reference: string, extra: Record<string, unknown> = {}) =>
	(await appTester(start, {
		authData: auth(),
		inputData: { type: 'followers', social_media_url: url, max_results: 12, reference, ...extra },
	})) as StartedOutput & { reference?: string };
/** The trigger run Zapier makes for a post to the hook URL: the body, and the URL's query as it came. */
const fire = async (call: Pick<LoopbackCall, 'body' | 'query'>) =>
	(await appTester(performOf(trigger.perform), {
		authData: auth(),
		cleanedRequest: call.body,
		rawRequest: { querystring: new URLSearchParams(call.query).toString() },
	})) as Person[];

const ROWS = [
	{ reference: 'row 2', url: 'https://x.com/sheet_owner_a' },
	{ reference: 'row 3', url: 'https://x.com/sheet_owner_b' },
	{ reference: 'row 4', url: 'https://x.com/sheet_owner_c' },
];

describe('Reference through Interaction Lookup Completed', () => {
	it('every person comes with the reference of the Start step that began its lookup', async () => {
		await subscribe();
		const started = [];
		for (const row of ROWS) started.push(await startRow(row.url, row.reference));
		expect(started.map((s) => s.reference)).toEqual(ROWS.map((r) => r.reference));
		expect(env.sandbox.control.stats().submissions).toBe(ROWS.length);
		const referenceOf = new Map(started.map((s) => [s.request_id, s.reference]));
		for (const call of await arrived(ROWS.length)) {
			expect(call.query[REFERENCE_QUERY.signature]).toMatch(/^[0-9a-f]{64}$/);
			const people = await fire(call);
			expect(people).toHaveLength(12);
			for (const person of people)
				expect(person.reference).toBe(referenceOf.get(person.request_id));
		}
	});

	it('a forged reference or a signed URL replayed with another lookup triggers nothing', async () => {
		await subscribe();
		for (const row of ROWS.slice(0, 2)) await startRow(row.url, row.reference);
		const [first, second] = await arrived(2);
		const forged = { ...second.query, [REFERENCE_QUERY.reference]: 'row 99' };
		expect(await fire({ body: second.body, query: forged })).toEqual([]);
		expect(await fire(first)).toHaveLength(12);
		expect(await fire({ body: second.body, query: first.query })).toEqual([]);
		const genuine = await fire(second);
		expect(genuine).toHaveLength(12);
		expect(new Set(genuine.map((p) => p.reference))).toEqual(
			new Set([second.query[REFERENCE_QUERY.reference]]),
		);
		expect(await fire(first)).toEqual([]);
		expect(env.sandbox.control.stats().submissions).toBe(2);
	});

	it('reads the reference where Zapier merges the query into the posted body too', async () => {
		await subscribe();
		await startRow(ROWS[0].url, ROWS[0].reference);
		const [call] = await arrived(1);
		const people = (await appTester(performOf(trigger.perform), {
			authData: auth(),
			cleanedRequest: { ...(call.body as object), ...call.query },
		})) as Person[];
		expect(people.map((p) => p.reference)).toEqual(Array(12).fill('row 2'));
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('refuses a Reference with an explicit Callback URL before anything is sent', async () => {
		const error = await rejectionOf(
			startRow(ROWS[0].url, 'row 2', { callback_url: 'http://127.0.0.1:9/hook' }),
		);
		expect(shownMessage(error)).toMatch(/leave the Callback URL empty/);
		expect(env.sandbox.control.stats().submissions).toBe(0);
	});
});
