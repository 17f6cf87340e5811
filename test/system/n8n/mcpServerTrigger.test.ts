// n8n's MCP Server Trigger with the Nyne Tool attached, activated under `n8n start`, and a real MCP client
// (@modelcontextprotocol/sdk over Streamable HTTP, as Claude Desktop or Cursor connect): every `tools/call` is a
// fresh n8n execution, so what bounds spending here is what outlives one: identical calls reuse a paid lookup,
// and a rolling hourly cap per tool node and credential refuses the rest, telling the model why and until when.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { CREDITS_PER_LOOKUP, TOOL_OUTPUT_BUDGET_BYTES } from '../../../shared';
import {
	directLookup,
	importInEditor,
	nyneCredential,
	ownerSession,
	REPO_ROOT,
	startN8n,
	type N8nInstance,
	type RunningN8n,
	type WorkflowNode,
} from '../../helpers/n8n';
import { offeredMcpTriggerVersions } from '../../helpers/n8n/langchainNodes';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

const MCP_PATH = 'nyne-e2e';
const CAPPED_PATH = 'nyne-e2e-capped';
/** The capped workflow's Max Lookups per Hour: below the spree, so the spree meets it. */
const HOURLY_CAP = 4;
const SPREE = 12;
const HOUR_MS = 3_600_000;

/** The Nyne Tool exactly as the AI-agent example configures it (URL and Max Results from the model). */
function exampleNyneTool(): WorkflowNode {
	const example = JSON.parse(
		readFileSync(join(REPO_ROOT, 'examples', 'ai-agent-nyne-tool.json'), 'utf8'),
	) as { nodes: WorkflowNode[] };
	const tool = example.nodes.find((node) => node.type === 'n8n-nodes-nyne.nyneTool');
	if (!tool) throw new Error('the AI-agent example has no Nyne Tool');
	return tool;
}

function mcpWorkflow(options: {
	id: string;
	name: string;
	path: string;
	webhookId: string;
	triggerVersion: number;
	toolOptions?: Record<string, unknown>;
}) {
	const tool = exampleNyneTool();
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: [
			{
				id: `${options.webhookId.slice(0, -1)}1`,
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: options.triggerVersion,
				position: [0, 0],
				parameters: { authentication: 'none', path: options.path },
				webhookId: options.webhookId,
			},
			{
				...tool,
				id: `${options.webhookId.slice(0, -1)}2`,
				parameters: { ...tool.parameters, options: options.toolOptions ?? {} },
			},
		],
		connections: {
			[tool.name]: {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

interface McpAnswer {
	text: string;
	isError: boolean;
}

/** What the model reads of a tool answer: its text parts, joined. */
function answerOf(result: Awaited<ReturnType<Client['callTool']>>): McpAnswer {
	const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
	return {
		text: content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join(''),
		isError: result.isError === true,
	};
}

interface ToolPayload {
	target_username?: string;
	people?: Array<{ username: string }>;
	people_omitted?: number;
	credits?: number;
	reused_from?: string;
	request_id?: string;
	error?: string;
	code?: string;
}

/** The tool answer's JSON: one object, or n8n's list of one item's json. */
function payloadOf(text: string): ToolPayload {
	const parsed = JSON.parse(text) as unknown;
	const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
	const json = (first as { json?: unknown }).json ?? first;
	return json as ToolPayload;
}

const startsWithClassName = (text: string) => /^\s*[A-Z][A-Za-z]*(Error|Exception)\b/.test(text);

function describeMcpServerTrigger(target: N8nTarget, triggerVersion: number): void {
	describe(`MCP Server Trigger ${triggerVersion} exposing the Nyne Tool in real n8n ${target.version} (\`n8n start\`)`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n;
		let client: Client;
		let cappedClient: Client;
		let toolName: string;
		const open = mcpWorkflow({
			id: 'nyneMcpE2eOpen01',
			name: 'nyne mcp',
			path: MCP_PATH,
			webhookId: '7c1e0d2a-0000-4000-8000-0000000e2e10',
			triggerVersion,
		});
		const capped = mcpWorkflow({
			id: 'nyneMcpE2eCap001',
			name: 'nyne mcp capped',
			path: CAPPED_PATH,
			webhookId: '7c1e0d2a-0000-4000-8000-0000000e2e20',
			triggerVersion,
			toolOptions: { maxLookupsPerHour: HOURLY_CAP },
		});

		const connect = async (path: string) => {
			const mcp = new Client({ name: 'nyne-e2e-mcp-client', version: '1.0.0' });
			await mcp.connect(new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${path}`)));
			return mcp;
		};
		const call = async (mcp: Client, args: Record<string, unknown>) =>
			answerOf(await mcp.callTool({ name: toolName, arguments: args }));
		const submissions = () => sandbox.control.stats().submissions;
		const credits = () => sandbox.control.stats().creditsByKey[sandbox.apiKey] ?? 0;

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 300 });
			n8n = await target.createInstance();
			server = await startN8n(n8n);
			await importInEditor(n8n, await ownerSession(n8n), {
				credentials: [nyneCredential(sandbox)],
				workflows: [open, capped],
				publish: [open, capped],
			});
			client = await connect(MCP_PATH);
			cappedClient = await connect(CAPPED_PATH);
		});
		afterAll(async () => {
			await client?.close();
			await cappedClient?.close();
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		it('tools/list offers the Nyne tool, whose schema asks for the profile URL; listing starts no lookup', async () => {
			const { tools } = await client.listTools();
			expect(tools.map((tool) => tool.name)).toHaveLength(1);
			const [tool] = tools;
			toolName = tool.name;
			expect(tool.description).toContain('Twitter/X or Instagram URL');
			const schema = tool.inputSchema as {
				properties?: Record<string, { type?: string; description?: string }>;
				required?: string[];
			};
			expect(schema.properties?.social_media_url?.type).toBe('string');
			expect(schema.properties?.social_media_url?.description).toContain('profile URL');
			expect(schema.required).toContain('social_media_url');
			expect(submissions()).toBe(0);
		});

		it("one call answers the profile's people within the tool answer's byte bound, for one lookup", async () => {
			const url = 'https://x.com/mcp_big_e2e';
			const answer = await call(client, { social_media_url: url, max_results: 200 });
			expect(answer.isError, answer.text).toBe(false);
			expect(sandbox.control.stats().submissionsByTarget).toEqual({ 'twitter:mcp_big_e2e': 1 });
			expect(credits()).toBe(CREDITS_PER_LOOKUP);
			expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(TOOL_OUTPUT_BUDGET_BYTES);

			const payload = payloadOf(answer.text);
			expect(payload.target_username).toBe('mcp_big_e2e');
			expect(payload.credits).toBe(CREDITS_PER_LOOKUP);
			const people = payload.people ?? [];
			expect(people.length).toBeGreaterThan(10);
			expect(payload.people_omitted).toBe(200 - people.length);
			const expected = await directLookup(sandbox, {
				type: 'followers',
				social_media_url: url,
				max_results: 200,
			});
			expect(people.map((person) => person.username)).toEqual(
				expected.slice(0, people.length).map((person) => person.username),
			);
		});

		it('a URL Nyne does not serve answers what to paste instead, not a class name, and sends nothing', async () => {
			const before = submissions();
			const answer = await call(client, {
				social_media_url: 'https://facebook.com/zuck',
				max_results: 10,
			});
			expect(submissions() - before).toBe(0);
			expect(startsWithClassName(answer.text), answer.text).toBe(false);
			expect(answer.text).not.toContain('NodeOperationError');
			const refusal = payloadOf(answer.text);
			expect(refusal.code).toBe('invalid_url');
			expect(refusal.error).toContain('"facebook.com" is not Twitter/X or Instagram');
			expect(startsWithClassName(refusal.error ?? ''), refusal.error).toBe(false);
		});

		it('8 identical calls pay for one lookup; the other 7 read it again for 0 credits', async () => {
			const url = 'https://x.com/mcp_loop_e2e';
			const before = { submissions: submissions(), credits: credits() };
			const answers: ToolPayload[] = [];
			for (let i = 0; i < 8; i++) {
				const answer = await call(client, { social_media_url: url, max_results: 10 });
				expect(answer.isError, answer.text).toBe(false);
				answers.push(payloadOf(answer.text));
			}
			expect(submissions() - before.submissions).toBe(1);
			expect(sandbox.control.stats().submissionsByTarget['twitter:mcp_loop_e2e']).toBe(1);
			expect(credits() - before.credits).toBe(CREDITS_PER_LOOKUP);

			const [paid, ...reused] = answers;
			expect(paid.credits).toBe(CREDITS_PER_LOOKUP);
			expect(paid.reused_from).toBeUndefined();
			for (const answer of reused) {
				expect(answer.credits).toBe(0);
				expect(answer.reused_from).toBe(paid.request_id);
				expect(answer.target_username).toBe('mcp_loop_e2e');
				expect(answer.people?.map((p) => p.username)).toEqual(paid.people?.map((p) => p.username));
			}
		});

		it('6 identical calls sent at once pay for one lookup; the other 5 get its people for 0 credits', async () => {
			const url = 'https://x.com/mcp_par_e2e';
			const before = { submissions: submissions(), credits: credits() };
			const answers = await Promise.all(
				Array.from({ length: 6 }, async () => {
					const answer = await call(client, { social_media_url: url, max_results: 10 });
					expect(answer.isError, answer.text).toBe(false);
					return payloadOf(answer.text);
				}),
			);
			expect(submissions() - before.submissions, JSON.stringify(answers).slice(0, 2000)).toBe(1);
			expect(sandbox.control.stats().submissionsByTarget['twitter:mcp_par_e2e']).toBe(1);
			expect(credits() - before.credits).toBe(CREDITS_PER_LOOKUP);
			const paid = answers.filter((answer) => answer.credits === CREDITS_PER_LOOKUP);
			expect(paid).toHaveLength(1);
			for (const answer of answers.filter((a) => a !== paid[0])) {
				expect(answer.credits).toBe(0);
				expect(answer.reused_from).toBe(paid[0].request_id);
				expect(answer.people?.map((p) => p.username)).toEqual(paid[0].people?.map((p) => p.username));
			}
		});

		it(`a spree of ${SPREE} calls about different profiles stops at Max Lookups per Hour (${HOURLY_CAP}), telling the model why and until when`, async () => {
			const before = { submissions: submissions(), credits: credits() };
			const startedAt = Date.now();
			const answers: McpAnswer[] = [];
			for (let i = 1; i <= SPREE; i++) {
				answers.push(
					await call(cappedClient, {
						social_media_url: `https://x.com/mcp_spree_${i}`,
						max_results: 10,
					}),
				);
			}
			expect(submissions() - before.submissions).toBe(HOURLY_CAP);
			expect(credits() - before.credits).toBe(HOURLY_CAP * CREDITS_PER_LOOKUP);
			const byTarget = sandbox.control.stats().submissionsByTarget;
			for (let i = 1; i <= SPREE; i++)
				expect(byTarget[`twitter:mcp_spree_${i}`]).toBe(i <= HOURLY_CAP ? 1 : undefined);

			for (const [i, answer] of answers.slice(0, HOURLY_CAP).entries()) {
				expect(payloadOf(answer.text).target_username).toBe(`mcp_spree_${i + 1}`);
			}
			for (const answer of answers.slice(HOURLY_CAP)) {
				expect(startsWithClassName(answer.text), answer.text).toBe(false);
				const refusal = payloadOf(answer.text);
				expect(refusal.code).toBe('budget_exceeded');
				expect(refusal.people).toBeUndefined();
				expect(refusal.error).toContain(`cap of ${HOURLY_CAP} lookups in the last hour`);
				expect(refusal.error).toContain('not sent');
				// when the cap frees up: an hour after the first of the spree's lookups at the latest
				const freesAt = /allowed in \d+ minutes? \(at (\S+Z)\)/.exec(refusal.error ?? '')?.[1];
				expect(freesAt, refusal.error).toBeDefined();
				const at = Date.parse(freesAt ?? '');
				expect(at).toBeGreaterThan(startedAt);
				expect(at).toBeLessThanOrEqual(Date.now() + HOUR_MS);
			}
		});

		it("the open workflow's tool is not held by the capped one's cap", async () => {
			const before = submissions();
			const answer = await call(client, {
				social_media_url: 'https://x.com/mcp_after_e2e',
				max_results: 10,
			});
			expect(payloadOf(answer.text).target_username).toBe('mcp_after_e2e');
			expect(submissions() - before).toBe(1);
		});
	});
}

/** Version 2 serves Streamable HTTP at /mcp/<path> (version 1 only SSE, at /mcp/<path>/sse). */
const TRIGGER_VERSION = 2;
for (const target of N8N_TARGETS) {
	if (offeredMcpTriggerVersions(target).includes(TRIGGER_VERSION))
		describeMcpServerTrigger(target, TRIGGER_VERSION);
}
