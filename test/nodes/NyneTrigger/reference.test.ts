import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { REFERENCE_QUERY } from '../../../shared';
import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { dontWaitLookup } from '../../helpers/n8nCore/lookupParameters';
import { startTriggerEndpoint } from '../../helpers/n8nCore/triggerEndpoint';

/*
 * The callback path end to end in one process: the Nyne node starts a lookup per row with Don't Wait, a Nyne
 * Trigger's URL and a Reference; the sandbox posts each result to that trigger over HTTP; the trigger's items
 * carry the row each person belongs to.
 */
const TOKEN = 'a-long-secret-token-0123456789';
const env = useScaledSandbox(0.001, { resetEach: true });
const ROWS = [
	{ row: 'A2', url: 'https://x.com/owner_a' },
	{ row: 'A3', url: 'https://x.com/owner_b' },
	{ row: 'A4', url: 'https://x.com/owner_c' },
	{ row: 'A5', url: 'https://x.com/owner_d' },
];

let endpoint: Awaited<ReturnType<typeof startTriggerEndpoint>>;
beforeEach(async () => {
	endpoint = await startTriggerEndpoint(TOKEN);
});
afterEach(async () => await endpoint.close());

async function startRows() {
	const result = await runNyne(env.credentials, ROWS, {
		parameters: dontWaitLookup({ callbackUrl: endpoint.url, reference: '={{ $json.row }}' }),
	});
	expect(result.error).toBeUndefined();
	await endpoint.received(ROWS.length);
	return result.output?.map((item) => item.json) ?? [];
}

describe('Reference: results matched to their rows through a Nyne Trigger', () => {
	it('every person arrives with the reference of the row that started its lookup, one request per lookup', async () => {
		const started = await startRows();
		expect(env.sandbox.control.stats().submissions).toBe(ROWS.length);
		expect(started.map((item) => item.reference)).toEqual(ROWS.map((row) => row.row));
		expect(started.every((item) => String(item.request_id).startsWith('interaction_'))).toBe(true);
		expect(JSON.stringify(started)).not.toContain(TOKEN);

		expect(endpoint.calls.map((call) => call.status)).toEqual(ROWS.map(() => 200));
		for (const { call } of endpoint.calls) expect(call.query.token).toBeUndefined();
		const people = endpoint.calls.flatMap((call) => call.items);
		expect(people).toHaveLength(ROWS.length * 12);
		for (const person of people) {
			const row = ROWS.find((r) => r.url.endsWith(`/${String(person.target_username)}`));
			expect(person.reference).toBe(row?.row);
		}
		const byRequest = new Map(started.map((item) => [item.request_id, item.reference]));
		for (const person of people) expect(person.reference).toBe(byRequest.get(person.request_id));
		// The POSTs and one read of the credit balance before the batch: nothing was polled.
		expect(env.sandbox.control.stats().requests).toBe(ROWS.length + 1);
	});

	it("refuses a reference of the caller's choosing, and a signed URL replayed with another lookup", async () => {
		await startRows();
		const [first, second] = endpoint.calls;
		const forged = await endpoint.deliver({
			body: second.call.body,
			query: { ...second.call.query, [REFERENCE_QUERY.reference]: 'A99' },
		});
		expect(forged).toEqual({ status: 403, items: [] });
		const replayed = await endpoint.deliver({ body: second.call.body, query: first.call.query });
		expect(replayed).toEqual({ status: 403, items: [] });
		const again = await endpoint.deliver(first.call);
		expect(again).toEqual({ status: 200, items: [] });
		const unsigned = await endpoint.deliver({ body: first.call.body, query: {} });
		expect(unsigned.status).toBe(403);
		expect(env.sandbox.control.stats().submissions).toBe(ROWS.length);
	});

	it('a lookup whose callback never came is fetched by the request ID its row was given', async () => {
		const started = await startRows();
		const fetched = await runNyne(env.credentials, [{}], {
			parameters: {
				resource: 'request',
				operation: 'get',
				requestId: String(started[2].request_id),
			},
		});
		const people = fetched.output?.map((item) => item.json) ?? [];
		expect(people).toHaveLength(12);
		expect(people[0].target_username).toBe('owner_c');
		expect(env.sandbox.control.stats().submissions).toBe(ROWS.length);
	});

	it('refuses a Reference without a Nyne Trigger URL before anything is sent', async () => {
		const result = await runNyne(env.credentials, ROWS.slice(0, 1), {
			parameters: dontWaitLookup({
				callbackUrl: 'http://127.0.0.1:9/hook',
				reference: '={{ $json.row }}',
			}),
		});
		expect(result.error?.message).toMatch(/Nyne Trigger/);
		expect(env.sandbox.control.stats().submissions).toBe(0);
	});
});
