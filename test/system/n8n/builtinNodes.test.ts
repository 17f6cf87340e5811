// Proves the harness itself on n8n's own nodes, on one `n8n start`: the editor's REST calls import a workflow and
// run it from its Manual Trigger, and import and publish a webhook workflow whose finished execution is read back
// from n8n's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	chainWorkflow,
	createN8nInstance,
	importInEditor,
	isPublished,
	manualTrigger,
	nodeOutput,
	ownerSession,
	runManually,
	startN8n,
	waitForExecutions,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
} from '../../helpers/n8n';
import { pinnedN8nVersion, selectedN8nVersions } from '../../../scripts/n8n/versions.mjs';

const setNode = (json: string) => ({
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: { mode: 'raw', jsonOutput: json },
});

// The harness's own check, on the pinned 2.x it was written against.
const HARNESS_VERSION = pinnedN8nVersion('n8n2');

// Only where that version is among the versions this run covers (npm test runs one version at a time).
describe.runIf(selectedN8nVersions().includes(HARNESS_VERSION))(
	`harness on built-in nodes (n8n ${HARNESS_VERSION})`,
	() => {
		let n8n: N8nInstance;
		let server: RunningN8n | undefined;
		let session: SessionHeaders;
		beforeAll(async () => {
			n8n = await createN8nInstance({ n8nVersion: HARNESS_VERSION });
			server = await startN8n(n8n);
			session = await ownerSession(n8n);
		});
		afterAll(async () => {
			await server?.stop();
			n8n?.dispose();
		});

		it('imports Manual Trigger -> Set and runs it as the editor does', async () => {
			const workflow = chainWorkflow('builtin manual', [
				manualTrigger(),
				setNode('{"hello":"world","n":42}'),
			]);
			await importInEditor(n8n, session, { workflows: [workflow] });
			const run = await runManually(n8n, session, workflow);
			expect(run.status).toBe('success');
			expect(run.mode).toBe('manual');
			expect(nodeOutput(run.data, 'Set')).toEqual([{ hello: 'world', n: 42 }]);
		});

		it('publishes a webhook workflow and reads its execution back', async () => {
			const workflow = chainWorkflow('builtin webhook', [
				{
					name: 'Hook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: '0b4d7e0e-0000-4000-8000-00000000b001',
					parameters: { httpMethod: 'POST', path: 'builtin-hook', responseMode: 'onReceived' },
				},
				setNode('={{ JSON.stringify({ doubled: $json.body.x * 2 }) }}'),
			]);
			await importInEditor(n8n, session, { workflows: [workflow], publish: [workflow] });
			expect(await isPublished(n8n, session, workflow)).toBe(true);
			const response = await fetch(`${n8n.baseUrl}/webhook/builtin-hook`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ x: 21 }),
			});
			expect(response.status).toBe(200);
			const [execution] = await waitForExecutions(n8n, workflow.id, (all) =>
				all.some((e) => e.status === 'success'),
			);
			expect(execution.mode).toBe('webhook');
			expect(nodeOutput(execution.data, 'Set')).toEqual([{ doubled: 42 }]);
		});
	},
);
