// Under `n8n start`: the callback path of a batch. One workflow starts a lookup per row with "Don't Wait", the
// Nyne Trigger's URL as Callback URL and the row as Reference; the sandbox posts each result to the trigger;
// every person comes out of the trigger with its own row. A forged reference and a replayed URL start nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { REFERENCE_QUERY } from '../../../shared';
import { completedCallback, people as namedPeople } from '../../helpers/core/callbackFixtures';
import {
	importInEditor,
	listExecutions,
	nodeOutput,
	nyneCredential,
	ownerSession,
	referenceBatchWorkflows,
	startN8n,
	waitForExecutions,
	type N8nInstance,
	type RunningN8n,
	type WorkflowJson,
} from '../../helpers/n8n';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

const TOKEN = 'e2e-reference-token-5c1d7e90';
const RECEIVER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-00000000d001';
const STARTER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-00000000d002';
const ROWS = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter, i) => ({
	row: `Sheet1!A${i + 2}`,
	url: `https://x.com/ref_owner_${letter}`,
}));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeReferences(target: N8nTarget): void {
	describe(`Nyne callback references in real n8n ${target.version} (\`n8n start\`)`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n;
		let receiverUrl: string;
		let receiver: WorkflowJson;
		let starter: WorkflowJson;

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			receiverUrl = `${n8n.baseUrl}/webhook/${RECEIVER_WEBHOOK_ID}/nyne`;
			({ receiver, starter } = referenceBatchWorkflows({
				label: 'reference',
				webhookIds: [RECEIVER_WEBHOOK_ID, STARTER_WEBHOOK_ID],
				path: 'start-batch',
				receiverUrl,
				token: TOKEN,
				output: 'split',
				rows: ROWS,
			}));
			server = await startN8n(n8n);
			await importInEditor(n8n, await ownerSession(n8n), {
				credentials: [nyneCredential(sandbox)],
				workflows: [receiver, starter],
				publish: [receiver, starter],
			});
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		const postTo = (url: string, body: unknown) =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});

		it('every person arrives with its own row; one POST per lookup, no polling', async () => {
			const response = await postTo(`${n8n.baseUrl}/webhook/start-batch`, {});
			expect(response.status).toBe(200);
			const [started] = await waitForExecutions(n8n, starter.id, (all) =>
				all.some((e) => e.status === 'success'),
			);
			const startedItems = nodeOutput(started.data, 'Nyne');
			expect(startedItems.map((item) => item.reference)).toEqual(ROWS.map((r) => r.row));
			expect(JSON.stringify(startedItems)).not.toContain(TOKEN);
			expect(sandbox.control.stats().submissions).toBe(ROWS.length);

			const received = await waitForExecutions(
				n8n,
				receiver.id,
				(all) => all.filter((e) => e.status === 'success').length >= ROWS.length,
				{ timeoutMs: 60_000 },
			);
			expect(received).toHaveLength(ROWS.length);
			const rowOf = new Map(startedItems.map((item) => [item.request_id, item.reference]));
			const seenRows = new Set<unknown>();
			for (const execution of received) {
				const persons = nodeOutput(execution.data, 'Nyne Trigger');
				expect(persons).toHaveLength(10);
				for (const person of persons) {
					const row = ROWS.find((r) => r.url.endsWith(`/${String(person.target_username)}`));
					expect(person.reference).toBe(row?.row);
					expect(person.reference).toBe(rowOf.get(person.request_id));
					seenRows.add(person.reference);
				}
			}
			expect(seenRows.size).toBe(ROWS.length);
			for (const delivery of sandbox.control.callbacks()) {
				expect(delivery.url).not.toContain(TOKEN);
				expect(delivery.status).toBe(200);
			}
			expect(sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0).toBe(0);
		});

		it('a forged reference and a delivered URL replayed with another lookup get 403 and start nothing', async () => {
			const [first, second] = sandbox.control.callbacks();
			const forgedUrl = new URL(second.url);
			forgedUrl.searchParams.set(REFERENCE_QUERY.reference, 'Sheet1!A999');
			const body = (requestId: string) =>
				completedCallback(requestId, 'planted_owner', namedPeople(3, 'planted'));
			expect((await postTo(forgedUrl.toString(), body(second.requestId))).status).toBe(403);
			expect((await postTo(first.url, body(second.requestId))).status).toBe(403);
			expect((await postTo(receiverUrl, body('interaction_forged_2'))).status).toBe(403);
			await sleep(1000);
			expect(
				(await listExecutions(n8n, receiver.id)).filter((e) => e.status === 'success'),
			).toHaveLength(ROWS.length);
			expect(sandbox.control.stats().submissions).toBe(ROWS.length);
		});
	});
}

for (const target of N8N_TARGETS) describeReferences(target);
