import { WorkflowExecute } from 'n8n-core';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { HOUR_MS, HourlyCap, MemoryReuseStore } from '../../../shared';
import { getRuntime } from '../../../nodes/common/transport';
import {
	additionalDataFor,
	NODE_TYPES,
	runNyne,
	testWorkflow,
} from '../../helpers/n8nCore/n8nHarness';
import { overrideRuntime } from '../../helpers/n8nCore/runtimeOverride';
import { resetToolCap } from '../../helpers/n8nCore/scaledRuntime';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

/*
 * How the Nyne tool behaves whatever calls it: an AI Agent below version 3 (one execute data and item 0 for every
 * call of a run), or an MCP client behind n8n's MCP Server Trigger (every call an execution of its own).
 */
const env = useScaledSandbox(0.001, { resetEach: true, sandbox: { jobDurationMs: 2_000 } });
const TOOL = 'n8n-nodes-nyne.nyneTool';

const submissions = (): number => env.sandbox.control.stats().submissions;
const ledger = (): number => env.sandbox.control.stats().creditsByKey[env.credentials.apiKey] ?? 0;

const toolParameters = (options: IDataObject = {}): IDataObject => ({
	resource: 'interaction',
	operation: 'getFollowers',
	socialMediaUrl: "={{ $fromAI('url', 'The profile URL', 'string') }}",
	maxResults: 10,
	waitMode: 'poll',
	options,
});

/**
 * An agent as n8n's AI Agent before version 3 runs its tools: it takes them with getInputConnectionData (n8n-core's
 * own tool wrapper around the node) and invokes each in turn, all within its one run.
 */
const OLD_AGENT: INodeType = {
	description: {
		displayName: 'Old Agent',
		name: 'oldAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its one tool once per URL in "urls", like an AI Agent below version 3',
		defaults: {},
		inputs: ['main', NodeConnectionTypes.AiTool],
		outputs: ['main'],
		properties: [{ displayName: 'URLs', name: 'urls', type: 'json', default: '[]' }],
	},
	async execute(this: IExecuteFunctions) {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{
			invoke(args: IDataObject): Promise<string>;
		}>;
		const urls = JSON.parse(this.getNodeParameter('urls', 0) as string) as string[];
		const answers: IDataObject[] = [];
		for (const url of urls) answers.push({ url, answer: await tools[0].invoke({ url }) });
		return [answers.map((json) => ({ json }))];
	},
} as unknown as INodeType;
NODE_TYPES['test.oldAgent'] = OLD_AGENT;

/** The Nyne Tool as n8n's loader derives it from `usableAsTool`: no main input, one AI tool output. */
const nyne = NODE_TYPES[TOOL];
NODE_TYPES['test.nyneAiTool'] = {
	...nyne,
	execute: nyne.execute,
	description: { ...nyne.description, inputs: [], outputs: [NodeConnectionTypes.AiTool] },
} as INodeType;

async function oldAgentAsks(urls: string[]): Promise<Array<{ url: string; answer: string }>> {
	const nodes: INode[] = [
		{
			id: 'n-items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: '[{}]' },
		},
		{
			id: 'n-agent',
			name: 'Agent',
			type: 'test.oldAgent',
			typeVersion: 1,
			position: [200, 0],
			parameters: { urls: JSON.stringify(urls) },
		},
		{
			id: 'n-nyne',
			name: 'Nyne',
			type: 'test.nyneAiTool',
			typeVersion: 1,
			position: [200, 200],
			parameters: toolParameters() as INode['parameters'],
			credentials: { nyneApi: { id: 'cred1', name: 'Nyne sandbox' } },
		},
	];
	const workflow = testWorkflow('wf-old-agent', nodes, {
		Items: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		Nyne: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
	});
	const run = await new WorkflowExecute(additionalDataFor(env.credentials, '303'), 'trigger').run({
		workflow,
		startNode: workflow.getNode('Items')!,
	});
	const error = run.data.resultData.error;
	if (error) throw error;
	return (run.data.resultData.runData.Agent?.[0]?.data?.main?.[0] ?? []).map(
		(item) => item.json as { url: string; answer: string },
	);
}

const targetsIn = (answer: string): unknown[] =>
	(JSON.parse(answer) as IDataObject[]).map((item) => item.target_username);

/** One MCP `tools/call`: a fresh execution of the tool node, as n8n's MCP Server Trigger runs it. */
async function mcpCall(url: string, options: IDataObject = {}): Promise<IDataObject> {
	const run = await runNyne(
		env.credentials,
		[{ url }],
		{ parameters: { ...toolParameters(options), socialMediaUrl: '={{ $json.url }}' }, type: TOOL },
		'trigger',
	);
	expect(run.error).toBeUndefined();
	expect(run.output).toHaveLength(1);
	return run.output![0].json;
}

describe('an AI Agent below version 3 gets each question its own lookup', () => {
	it('two profiles asked in one agent run: two lookups, each answer about its own profile', async () => {
		const answers = await oldAgentAsks(['https://x.com/alice_tool', 'https://x.com/bobby_tool']);
		expect(submissions()).toBe(2);
		expect(ledger()).toBe(6);
		expect(targetsIn(answers[0].answer)).toEqual(['alice_tool']);
		expect(targetsIn(answers[1].answer)).toEqual(['bobby_tool']);
		const people = answers.map(
			(entry) =>
				(JSON.parse(entry.answer) as Array<{ people: Array<{ username: string }> }>)[0].people,
		);
		expect(people[0].map((p) => p.username)).not.toEqual(people[1].map((p) => p.username));
	});

	it('the same profile asked twice in one agent run is one lookup, answered twice', async () => {
		const answers = await oldAgentAsks(['https://x.com/carol_tool', 'https://x.com/carol_tool']);
		expect(submissions()).toBe(1);
		expect(targetsIn(answers[1].answer)).toEqual(['carol_tool']);
	});
});

describe('called as a tool across executions (MCP Server Trigger)', () => {
	it('eight identical calls pay once: the later ones read the first lookup again for 0 credits', async () => {
		overrideRuntime({ reuse: new MemoryReuseStore() });
		const answers = [];
		for (let i = 0; i < 8; i++) answers.push(await mcpCall('https://x.com/dave_tool'));
		expect(submissions()).toBe(1);
		expect(ledger()).toBe(3);
		expect(answers[0]).toMatchObject({ status: 'completed', credits: 3 });
		for (const answer of answers.slice(1))
			expect(answer).toMatchObject({
				status: 'completed',
				credits: 0,
				reused_from: answers[0].request_id,
				target_username: 'dave_tool',
			});
	});

	it('eight identical calls at once (an MCP client calling in parallel) pay once: seven wait for the first lookup', async () => {
		overrideRuntime({ reuse: new MemoryReuseStore() });
		const answers = await Promise.all(
			Array.from({ length: 8 }, async () => await mcpCall('https://x.com/dora_tool')),
		);
		expect(submissions()).toBe(1);
		expect(ledger()).toBe(3);
		const paid = answers.filter((answer) => answer.credits === 3);
		expect(paid).toHaveLength(1);
		for (const answer of answers.filter((a) => a !== paid[0]))
			expect(answer).toMatchObject({
				status: 'completed',
				credits: 0,
				reused_from: paid[0].request_id,
				target_username: 'dora_tool',
			});
		// nothing stays in flight: a later call reads the completed lookup as before
		expect(await mcpCall('https://x.com/dora_tool')).toMatchObject({
			credits: 0,
			reused_from: paid[0].request_id,
		});
		expect(submissions()).toBe(1);
	});

	it('calls that wait for an identical one in flight do not count against Max Lookups per Hour', async () => {
		overrideRuntime({ reuse: new MemoryReuseStore() });
		resetToolCap();
		const options = { maxLookupsPerHour: 2 };
		const answers = await Promise.all(
			Array.from({ length: 5 }, async () => await mcpCall('https://x.com/kai_tool', options)),
		);
		for (const answer of answers) expect(answer.error).toBeUndefined();
		expect(await mcpCall('https://x.com/lea_tool', options)).toMatchObject({ credits: 3 });
		expect(await mcpCall('https://x.com/max_tool', options)).toMatchObject({
			code: 'budget_exceeded',
		});
		expect(submissions()).toBe(2);
	});

	it('parallel calls with Reuse Paid Lookups "Never" each pay, and different profiles never wait on each other', async () => {
		overrideRuntime({ reuse: new MemoryReuseStore() });
		await Promise.all([
			mcpCall('https://x.com/ivo_tool', { reuse: 'never' }),
			mcpCall('https://x.com/ivo_tool', { reuse: 'never' }),
			mcpCall('https://x.com/jan_tool'),
		]);
		expect(env.sandbox.control.stats().submissionsByTarget['twitter:ivo_tool']).toBe(2);
		expect(env.sandbox.control.stats().submissionsByTarget['twitter:jan_tool']).toBe(1);
	});

	it('Reuse Paid Lookups "Never" pays for every call, up to the hourly cap', async () => {
		overrideRuntime({ reuse: new MemoryReuseStore() });
		for (let i = 0; i < 3; i++)
			await mcpCall('https://x.com/erin_tool', { reuse: 'never', maxLookupsPerHour: 5 });
		expect(submissions()).toBe(3);
	});

	it('a spree over distinct profiles stops at the default cap of 10 an hour, and the model is told why and when', async () => {
		const answers = [];
		for (let i = 0; i < 12; i++) answers.push(await mcpCall(`https://x.com/spree_${i}`));
		expect(submissions()).toBe(10);
		expect(ledger()).toBe(30);
		for (const answer of answers.slice(0, 10)) expect(answer).toMatchObject({ credits: 3 });
		for (const answer of answers.slice(10)) {
			expect(answer.code).toBe('budget_exceeded');
			expect(String(answer.error)).toMatch(
				/^This tool has started its cap of 10 lookups in the last hour/,
			);
			expect(String(answer.error)).toMatch(/The next one is allowed in \d+ minutes? \(at \d{4}-/);
			expect(String(answer.error)).toContain('Max Lookups per Hour');
		}
	});

	it('the cap frees up an hour after the oldest lookup, and counts per node setting', async () => {
		// The cap's own clock stands still between calls: on the scaled clock a loaded machine's 100 ms are minutes.
		const clock = { offset: 0 };
		const frozenAt = getRuntime().now();
		overrideRuntime({ toolCap: new HourlyCap(() => frozenAt + clock.offset) });
		try {
			await mcpCall('https://x.com/frank_1', { maxLookupsPerHour: 2 });
			await mcpCall('https://x.com/frank_2', { maxLookupsPerHour: 2 });
			const refused = await mcpCall('https://x.com/frank_3', { maxLookupsPerHour: 2 });
			expect(refused.code).toBe('budget_exceeded');
			expect(String(refused.error)).toMatch(/in 60 minutes/);
			clock.offset = HOUR_MS;
			const later = await mcpCall('https://x.com/frank_3', { maxLookupsPerHour: 2 });
			expect(later).toMatchObject({ status: 'completed', credits: 3 });
			expect(submissions()).toBe(3);
		} finally {
			resetToolCap();
		}
	});

	it('a bad URL answers the model in plain words and sends nothing', async () => {
		const answer = await mcpCall('https://facebook.com/zuck');
		expect(submissions()).toBe(0);
		expect(answer.code).toBe('invalid_url');
		expect(String(answer.error)).not.toMatch(/^[A-Z][A-Za-z]*Error\b/);
		expect(String(answer.error)).toContain('facebook.com');
	});

	it('in a workflow (not a tool) the hourly cap does not apply', async () => {
		for (let i = 0; i < 12; i++) {
			const run = await runNyne(
				env.credentials,
				[{}],
				{
					parameters: {
						...toolParameters({ maxLookupsPerHour: 1 }),
						socialMediaUrl: `https://x.com/flow_${i}`,
					},
				},
				'trigger',
			);
			expect(run.error).toBeUndefined();
		}
		expect(submissions()).toBe(12);
	});
});
