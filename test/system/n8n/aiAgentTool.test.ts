// The AI-agent example (examples/ai-agent-nyne-tool.json) with n8n's own AI Agent and OpenAI Chat Model nodes,
// the model being a scripted stand-in on 127.0.0.1: the agent calls the installed Nyne Tool (derived by n8n
// from usableAsTool), which runs a real lookup on the sandbox. Agents below version 3 get the tool through
// getInputConnectionData, so all their calls in one run share one execution context and item: each call must
// still be its own lookup, on every agent version an n8n offers. One `n8n start` runs every test's workflow as the
// editor does; the tool's hourly cap and its reuse window count per n8n process, so before each test n8n's clock
// moves an hour on, and each test starts as a fresh process would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	directLookup,
	importInEditor,
	nodeOutput,
	nyneCredential,
	ownerSession,
	REPO_ROOT,
	runManually,
	startFakeOpenAi,
	startN8n,
	useShiftedClock,
	type FakeOpenAi,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
	type ShiftedClock,
	type StoredExecution,
	type WorkflowNode,
} from '../../helpers/n8n';
import { offeredAgentVersions } from '../../helpers/n8n/langchainNodes';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[k: string]: unknown;
}

const PROFILE = 'https://x.com/kate_e2e';
const HOUR = 3_600_000;
const OPENAI_CREDENTIAL = { id: 'fakeOpenAiCred01', name: 'Fake OpenAI' };

/**
 * The AI Agent versions proven here, where an n8n offers them: the newest of 1.x and of the 2.x that a saved
 * workflow keeps, and 3 (the example's). 1.9 and 2.2 take the tool through getInputConnectionData; 3 runs it
 * as a node of its own.
 */
const AGENT_VERSIONS = [1.9, 2.2, 3];

/** The example, with its Chat trigger swapped for Manual + a fixed chat message, and its model pointed at the stand-in. */
function agentWorkflowForTests(agentVersion = 3): ExampleWorkflow {
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
	const tag = String(agentVersion).replace('.', '');
	return {
		...example,
		id: `nyneAgentE2eV${tag}`.padEnd(16, '0'),
		name: `agent e2e ${agentVersion}`,
		nodes: nodes.map((node) => (node === agent ? { ...node, typeVersion: agentVersion } : node)),
		connections,
	};
}

interface ToolAnswer {
	target_username?: string;
	people?: Array<{ username: string }>;
	code?: string;
	error?: string;
}

/** A tool result as the model read it: n8n hands the agent the tool's items' json, as a JSON list. */
function toolAnswerOf(text: string): ToolAnswer {
	const parsed = JSON.parse(text) as unknown;
	return (Array.isArray(parsed) ? parsed[0] : parsed) as ToolAnswer;
}

function describeAiAgentTool(target: N8nTarget): void {
	describe(`AI Agent using the Nyne Tool in real n8n ${target.version}`, () => {
		let sandbox: Sandbox;
		let model: FakeOpenAi;
		let n8n: N8nInstance;
		let server: RunningN8n | undefined;
		let session: SessionHeaders;
		let clock: ShiftedClock;
		const workflow = agentWorkflowForTests();
		const offered = offeredAgentVersions(target);
		const versions = AGENT_VERSIONS.filter((version) => offered.includes(version));
		const byVersion = new Map(
			versions.map((version) => [
				version,
				version === 3 ? workflow : agentWorkflowForTests(version),
			]),
		);

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			model = await startFakeOpenAi({ social_media_url: PROFILE, max_results: 10 });
			n8n = await target.createInstance();
			clock = useShiftedClock(n8n);
			server = await startN8n(n8n);
			session = await ownerSession(n8n);
			await importInEditor(n8n, session, {
				credentials: [
					nyneCredential(sandbox),
					{
						...OPENAI_CREDENTIAL,
						type: 'openAiApi',
						data: { apiKey: 'sk-fake-local-model', url: model.url, header: false },
					},
				],
				workflows: [...byVersion.values()],
			});
		});
		beforeEach(async () => {
			await clock?.advance(HOUR);
		});
		afterAll(async () => {
			await server?.stop();
			await model?.close();
			await sandbox?.close();
			n8n?.dispose();
		});

		async function runAgent(flow: ExampleWorkflow): Promise<StoredExecution> {
			const execution = await runManually(n8n, session, flow);
			expect(execution.status, JSON.stringify(execution.data.resultData.error)).toBe('success');
			return execution;
		}

		it(`offers AI Agent versions below 3 and 3 (here ${versions.join(', ')} of ${offered.join(', ')})`, () => {
			expect(versions).toContain(3);
			expect(versions.some((version) => version < 3)).toBe(true);
		});

		it('the agent calls the Nyne tool with the arguments the model chose and gets the people back', async () => {
			model.setToolScript([{ social_media_url: PROFILE, max_results: 10 }]);
			const run = await runAgent(workflow);

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

		it('an agent that calls the tool about 8 profiles in one execution spends the default budget of 5 lookups, and the model is told why', async () => {
			// 8 calls stay under the AI Agent's default of 10 iterations; different profiles, so none is a reuse
			model.setToolScript(
				Array.from({ length: 8 }, (_, i) => ({
					social_media_url: `https://x.com/loop_${i + 1}_e2e`,
					max_results: 10,
				})),
			);
			const before = sandbox.control.stats();
			const run = await runAgent(workflow);
			const after = sandbox.control.stats();
			expect(after.submissions - before.submissions).toBe(5);
			expect(after.creditsByKey[sandbox.apiKey] - before.creditsByKey[sandbox.apiKey]).toBe(15);
			const [answer] = nodeOutput(run.data, 'AI Agent');
			const output = String(answer.output);
			expect(output).toContain('budget_exceeded');
			expect(output).toContain('Do not call this tool again');
			const byTarget = after.submissionsByTarget;
			for (let i = 1; i <= 8; i++)
				expect(byTarget[`twitter:loop_${i}_e2e`]).toBe(i <= 5 ? 1 : undefined);
		});

		it('an agent that asks about one profile 3 times in one execution pays once; the other answers are read again', async () => {
			const url = 'https://x.com/again_e2e';
			model.setToolScript(
				Array.from({ length: 3 }, () => ({ social_media_url: url, max_results: 10 })),
			);
			const before = sandbox.control.stats();
			await runAgent(workflow);
			const after = sandbox.control.stats();
			expect(after.submissions - before.submissions).toBe(1);
			expect(after.creditsByKey[sandbox.apiKey] - before.creditsByKey[sandbox.apiKey]).toBe(3);
			const answers = model.toolResults().map(toolAnswerOf) as Array<
				ToolAnswer & { credits?: number; reused_from?: string; request_id?: string }
			>;
			expect(answers.map((answer) => answer.credits)).toEqual([3, 0, 0]);
			expect(answers[1].reused_from).toBe(answers[0].request_id);
			expect(answers[2].reused_from).toBe(answers[0].request_id);
		});

		for (const version of versions) {
			it(`AI Agent ${version} asked about two profiles in one run makes two lookups and answers each with its own people`, async () => {
				const tag = String(version).replace('.', '_');
				const [alice, bobby] = [`alice_${tag}_e2e`, `bobby_${tag}_e2e`];
				model.setToolScript([
					{ social_media_url: `https://x.com/${alice}`, max_results: 10 },
					{ social_media_url: `https://x.com/${bobby}`, max_results: 10 },
				]);
				const flow = byVersion.get(version);
				if (!flow) throw new Error(`no workflow for agent ${version}`);
				const before = sandbox.control.stats();
				const run = await runAgent(flow);
				const after = sandbox.control.stats();
				expect(after.submissions - before.submissions).toBe(2);
				expect(after.submissionsByTarget[`twitter:${alice}`]).toBe(1);
				expect(after.submissionsByTarget[`twitter:${bobby}`]).toBe(1);

				const answers = model.toolResults().map(toolAnswerOf);
				expect(answers.map((answer) => answer.target_username)).toEqual([alice, bobby]);
				const usernames = (answer: ToolAnswer) => answer.people?.map((p) => p.username) ?? [];
				const [expectedAlice, expectedBobby] = await Promise.all(
					[alice, bobby].map((name) =>
						directLookup(sandbox, {
							type: 'followers',
							social_media_url: `https://x.com/${name}`,
							max_results: 10,
						}),
					),
				);
				expect(usernames(answers[0])).toEqual(expectedAlice.map((p) => p.username));
				expect(usernames(answers[1])).toEqual(expectedBobby.map((p) => p.username));
				expect(usernames(answers[1])).not.toEqual(usernames(answers[0]));

				const [answer] = nodeOutput(run.data, 'AI Agent');
				const output = String(answer.output);
				for (const person of expectedBobby) expect(output).toContain(person.username);
			});
		}
	});
}

for (const target of N8N_TARGETS) describeAiAgentTool(target);
