import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

import { runNyne } from '../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../helpers/n8nCore/scaledSandbox';
import { startTriggerEndpoint } from '../helpers/n8nCore/triggerEndpoint';

/*
 * examples/replies-sheet-*.json, the pair `npm start` loads: the starter's lookups, with its own parameters,
 * reach a Nyne Trigger with the receiver's token, and every replier comes back with its post's row.
 */
interface ExampleNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
}
const example = (file: string) =>
	JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as {
		nodes: ExampleNode[];
	};
const starter = example('replies-sheet-start.json');
const receiver = example('replies-sheet-receive.json');
const nodeOf = (flow: { nodes: ExampleNode[] }, type: string) =>
	flow.nodes.find((node) => node.type === type) as ExampleNode;

const env = useScaledSandbox(0.001, { resetEach: true });

it("the starter's Callback URL is the receiver's Nyne Trigger with its token", () => {
	const trigger = nodeOf(receiver, 'n8n-nodes-nyne.nyneTrigger');
	const start = nodeOf(starter, 'n8n-nodes-nyne.nyne');
	const url = new URL(String(start.parameters.callbackUrl));
	expect(url.pathname).toBe(`/webhook/${trigger.webhookId}/nyne`);
	expect(url.searchParams.get('token')).toBe(trigger.parameters.token);
});

it('each replier comes back with the row of its post, one lookup per row', async () => {
	const token = String(nodeOf(receiver, 'n8n-nodes-nyne.nyneTrigger').parameters.token);
	const endpoint = await startTriggerEndpoint(token);
	try {
		const sheet = nodeOf(starter, 'n8n-nodes-base.set').parameters.jsonOutput as string;
		const rows = (JSON.parse(sheet) as { rows: Array<{ row_number: number; post_url: string }> })
			.rows;
		const start = nodeOf(starter, 'n8n-nodes-nyne.nyne');
		const result = await runNyne(env.credentials, rows, {
			parameters: { ...start.parameters, callbackUrl: endpoint.url },
		});
		expect(result.error).toBeUndefined();
		expect(env.sandbox.control.stats().submissions).toBe(rows.length);
		await endpoint.received(rows.length);
		const repliers = endpoint.calls.flatMap((call) => call.items);
		expect(repliers.length).toBeGreaterThan(0);
		const rowOfRequest = new Map(
			(result.output ?? []).map((item) => [item.json.request_id, item.json.reference]),
		);
		expect([...rowOfRequest.values()]).toEqual(rows.map((row) => String(row.row_number)));
		for (const replier of repliers)
			expect(replier.reference).toBe(rowOfRequest.get(replier.request_id));
		expect(new Set(repliers.map((r) => r.reference)).size).toBe(rows.length);
	} finally {
		await endpoint.close();
	}
});
