// The AI-agent example (examples/ai-agent-nyne-tool.json) with n8n's own AI Agent and OpenAI Chat Model nodes,
// the model being a scripted stand-in on 127.0.0.1: the agent calls the installed Nyne Tool (derived by n8n
// from usableAsTool), which runs a real lookup on the sandbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import {
	directLookup,
	execute,
	importCredentials,
	importWorkflow,
	nodeOutput,
	nyneCredential,
	REPO_ROOT,
	startFakeOpenAi,
	type FakeOpenAi,
	type N8nInstance,
	type RunData,
	type WorkflowNode,
} from './harness';
import { N8N_TARGETS, type N8nTarget } from './harness/targets';

interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[k: string]: unknown;
}

const PROFILE = 'https://x.com/kate_e2e';
const OPENAI_CREDENTIAL = { id: 'fakeOpenAiCred01', name: 'Fake OpenAI' };

/** The example, with its Chat trigger swapped for Manual + a fixed chat message, and its model pointed at the stand-in. */
function agentWorkflowForCli(): ExampleWorkflow {
	const example = JSON.parse(
		readFileSync(join(REPO_ROOT, 'examples', 'ai-agent-nyne-tool.json'), 'utf8'),
	) as ExampleWorkflow;
	const nodes = example.nodes.filter((node) => node.name !== 'Chat');
	nodes.push(
		{
			id: 'a0000000-0000-4000-8000-000000000001',
			name: 'Run',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [-400, 0],
			parameters: {},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000002',
			name: 'Message',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [-200, 0],
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ chatInput: `Who follows ${PROFILE}?`, sessionId: 'e2e' }),
			},
		},
	);
	// The example's AI Agent is typeVersion 3, the newest n8n 1.123.81 knows (3.1 would fail the whole run there); 2.x runs it too.
	const agent = nodes.find((node) => node.name === 'AI Agent');
	if (!agent) throw new Error('example has no AI Agent');
	expect(agent.typeVersion).toBe(3);
	const model = nodes.find((node) => node.name === 'Chat Model');
	if (!model) throw new Error('example has no Chat Model');
	model.parameters = { ...model.parameters, responsesApiEnabled: false };
	model.credentials = { openAiApi: OPENAI_CREDENTIAL };
	const connections = { ...example.connections };
	delete connections.Chat;
	connections.Run = { main: [[{ node: 'Message', type: 'main', index: 0 }]] };
	connections.Message = { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] };
	return { ...example, id: 'nyneAgentE2eCli1', name: 'agent e2e', nodes, connections };
}

function describeAiAgentTool(target: N8nTarget): void {
	describe(`AI Agent using the Nyne Tool in real n8n ${target.version}`, () => {
		let sandbox: Sandbox;
		let model: FakeOpenAi;
		let n8n: N8nInstance;
		const workflow = agentWorkflowForCli();

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			model = await startFakeOpenAi({ social_media_url: PROFILE, max_results: 10 });
			n8n = await target.createInstance();
			await importCredentials(n8n, [
				nyneCredential(sandbox),
				{
					...OPENAI_CREDENTIAL,
					type: 'openAiApi',
					data: { apiKey: 'sk-fake-local-model', url: model.url, header: false },
				},
			]);
			await importWorkflow(n8n, workflow);
		});
		afterAll(async () => {
			await model?.close();
			await sandbox?.close();
			n8n?.dispose();
		});

		it('the agent calls the Nyne tool with the arguments the model chose and gets the people back', async () => {
			const result = await execute(n8n, workflow.id);
			expect(result.code, result.stdout.slice(-4000) + result.stderr.slice(-2000)).toBe(0);
			const run = result.run as { data: RunData };

			expect(sandbox.control.stats().submissionsByTarget['twitter:kate_e2e']).toBe(1);
			const offered = model.requests[0].tools?.map((t) => t.function.name) ?? [];
			expect(offered).toHaveLength(1);

			const [answer] = nodeOutput(run.data, 'AI Agent');
			const output = String(answer.output);
			expect(output.startsWith('TOOL RESULT: ')).toBe(true);
			const expected = await directLookup(sandbox, {
				type: 'followers',
				social_media_url: PROFILE,
				max_results: 10,
			});
			for (const person of expected) expect(output).toContain(person.username);
		});

		it('an agent that calls the tool 8 times in one execution spends the default budget of 5 lookups, and the model is told why', async () => {
			model.setToolCalls(8); // under the AI Agent's default of 10 iterations
			const before = sandbox.control.stats();
			const result = await execute(n8n, workflow.id);
			expect(result.code, result.stdout.slice(-4000) + result.stderr.slice(-2000)).toBe(0);
			const after = sandbox.control.stats();
			expect(after.submissions - before.submissions).toBe(5);
			expect(after.creditsByKey[sandbox.apiKey] - before.creditsByKey[sandbox.apiKey]).toBe(15);
			const [answer] = nodeOutput((result.run as { data: RunData }).data, 'AI Agent');
			const output = String(answer.output);
			expect(output).toContain('budget_exceeded');
			expect(output).toContain('Do not call this tool again');
		});
	});
}

for (const target of N8N_TARGETS) describeAiAgentTool(target);
