// What n8n's AI workflow builder (and any agent on n8n's instance MCP server) finds and learns about the Nyne nodes,
// through the real MCP server of the newest pinned n8n with the package installed: a real MCP client searches with
// the phrasings a user types, reads the generated definitions, and has n8n's own workflow SDK check and save the
// follower-sync and callback patterns taken from those definitions; the saved follower sync then runs on the sandbox.
// n8n's MCP and AI modules stay offline: no MCP registry, no AI gateway, no community-node catalog.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { CREDITS_PER_LOOKUP } from '../../../shared';
import { NODE_TYPES } from '../../../nodes/common/builderHints';
import {
	databaseFile,
	directLookup,
	importInEditor,
	nodeOutput,
	nyneCredential,
	ownerSession,
	publishInEditor,
	query,
	REPO_ROOT,
	saveWorkflow,
	savedWorkflow,
	startN8n,
	waitForExecutions,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
} from '../../helpers/n8n';
import { waitFor } from '../../helpers/sandbox/sandboxHttp';
import { latest, N8N_TARGETS } from '../../helpers/n8n/targets';

const ARTIFACTS = join(REPO_ROOT, '.cache', 'test-artifacts', 'builder-search');

/** What users type, by use case, and the node each phrasing must list (among n8n's top five) with its hint. */
const USE_CASES: Array<{
	useCase: string;
	node: string;
	usage?: 'agentTool';
	phrasings: string[];
}> = [
	{
		useCase: 'repliers of a post',
		node: NODE_TYPES.nyne,
		phrasings: [
			'people who replied to a tweet',
			'tweet replies',
			'repliers of a post',
			'who replied to my tweet',
			'twitter replies',
		],
	},
	{
		useCase: 'followers',
		node: NODE_TYPES.nyne,
		phrasings: [
			'twitter followers',
			'instagram followers',
			'get followers of an x account',
			'who follows a profile',
		],
	},
	{
		useCase: 'following',
		node: NODE_TYPES.nyne,
		phrasings: ['twitter following', 'accounts a profile follows', 'who does an account follow'],
	},
	{
		useCase: 'followers and following',
		node: NODE_TYPES.nyne,
		phrasings: ['followers and following', 'followers and following of a twitter account'],
	},
	{
		useCase: 'a follower watch',
		node: NODE_TYPES.nyneFollowerTrigger,
		// one service per query, as builders search: "new twitter followers to google sheets" fills n8n's five places
		// with the X node and Google's nodes (Google Sheets itself is not among them)
		phrasings: [
			'new follower trigger',
			'when someone follows me on twitter',
			'track new followers',
		],
	},
	{
		useCase: 'unfollows',
		node: NODE_TYPES.nyneFollowerTrigger,
		phrasings: ['unfollow alert', 'who unfollowed me', 'lost followers'],
	},
	{
		useCase: 'callbacks',
		node: NODE_TYPES.nyneTrigger,
		phrasings: ['nyne callback', 'lookup result webhook', 'receive nyne lookup results'],
	},
	{
		useCase: 'as an agent tool',
		node: NODE_TYPES.nyneTool,
		usage: 'agentTool',
		phrasings: ['twitter followers', 'tweet repliers', 'instagram following'],
	},
];

/** One query's section of `search_nodes`: the node IDs listed, in order, and the builder hint printed under each. */
function readSearch(text: string): Map<string, { ids: string[]; hints: Map<string, string> }> {
	const sections = new Map<string, { ids: string[]; hints: Map<string, string> }>();
	for (const section of text.split('\n\n---\n\n')) {
		const query = /^## "(.*)"/.exec(section)?.[1];
		if (query === undefined) continue;
		const ids: string[] = [];
		const hints = new Map<string, string>();
		for (const entry of section.split(/\n(?=- )/).slice(1)) {
			const id = /^- (\S+)/.exec(entry)?.[1];
			if (!id || entry.includes('[RELATED]')) continue;
			ids.push(id);
			const hint = /@builderHint (.*)/.exec(entry)?.[1];
			if (hint) hints.set(id, hint);
		}
		sections.set(query, { ids, hints });
	}
	return sections;
}

/** The first `<pattern title="…">` whose title contains `title`, as SDK code (out of the JSDoc it is printed in). */
function patternIn(definitions: string, title: string): string {
	const match = new RegExp(`<pattern title="[^"]*${title}[^"]*">\\n([\\s\\S]*?)</pattern>`).exec(
		definitions,
	);
	if (!match) throw new Error(`no pattern "${title}" in:\n${definitions.slice(0, 3000)}`);
	return match[1].replace(/^[ \t]*\* ?/gm, '').replace(/\*\\\//g, '*/');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `condition` came true within `timeoutMs` (checked every 250 ms). */
async function until(condition: () => boolean, timeoutMs = 60_000): Promise<boolean> {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await pause(250))
		if (condition()) return true;
	return condition();
}

const textOf = (result: unknown) =>
	((result as { content: Array<{ type: string; text?: string }> }).content ?? [])
		.map((part) => part.text ?? '')
		.join('\n');

describe.runIf(N8N_TARGETS.includes(latest))(
	`n8n ${latest.version}'s AI builder finds and configures the Nyne nodes (instance MCP server)`,
	() => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n | undefined;
		let session: SessionHeaders;
		let client: Client;

		let apiKey = '';

		/** Logs in as the owner, turns MCP access on, and connects an MCP client with the owner's MCP key. */
		async function connect(): Promise<void> {
			if (!apiKey) apiKey = await enableMcp();
			client = new Client({ name: 'nyne-e2e-builder', version: '1.0.0' });
			await client.connect(
				new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp-server/http`), {
					requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
				}),
			);
		}

		/** As the owner in Settings: MCP access on; the key is shown in full only when it is created. */
		async function enableMcp(): Promise<string> {
			const enabled = await fetch(`${n8n.baseUrl}/rest/mcp/settings`, {
				method: 'PATCH',
				headers: session,
				body: JSON.stringify({ mcpAccessEnabled: true }),
			});
			expect(enabled.status, await enabled.clone().text()).toBe(200);
			const keyAnswer = await fetch(`${n8n.baseUrl}/rest/mcp/api-key`, { headers: session });
			const key = ((await keyAnswer.json()) as { data: { apiKey: string } }).data.apiKey;
			expect(key).toMatch(/^[^*\s]{20,}$/);
			return key;
		}

		async function disconnect(): Promise<void> {
			await client?.close().catch(() => undefined);
			await server?.stop();
			server = undefined;
		}

		const call = async (name: string, args: Record<string, unknown>) => {
			const result = await client.callTool({ name, arguments: args });
			return { result, text: textOf(result) };
		};

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await latest.createInstance();
			// nothing of n8n's AI builder may reach the internet: no AI gateway, no catalog of uninstalled community nodes
			Object.assign(n8n.env, {
				N8N_AI_GATEWAY_ENABLED: 'false',
				N8N_MCP_COMMUNITY_NODE_DISCOVERY_ENABLED: 'false',
				N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			});
			expect(n8n.env.N8N_DISABLED_MODULES).toBe('mcp-registry');
			server = await startN8n(n8n, { timeoutMs: 300_000 });
			session = await ownerSession(n8n);
			await importInEditor(n8n, session, { credentials: [nyneCredential(sandbox)] });
			await connect();
		});
		afterAll(async () => {
			await disconnect();
			await sandbox?.close();
			n8n?.dispose();
		});

		it('offers the workflow-building tools the AI builder uses', async () => {
			const { tools } = await client.listTools();
			expect(tools.map((tool) => tool.name)).toEqual(
				expect.arrayContaining([
					'search_nodes',
					'get_node_types',
					'validate_workflow',
					'create_workflow_from_code',
				]),
			);
		});

		it.each(USE_CASES)(
			'search_nodes lists the right Nyne node with its hint for each phrasing of $useCase',
			async ({ node, usage, phrasings }) => {
				const { text } = await call('search_nodes', {
					queries: phrasings,
					...(usage ? { usage } : {}),
				});
				const sections = readSearch(text);
				const missing = phrasings.filter((query) => !sections.get(query)?.ids.includes(node));
				expect(missing, `${node} is not among the results of:\n${text}`).toEqual([]);
				for (const query of phrasings) {
					const hint = sections.get(query)?.hints.get(node);
					expect(hint, query).toContain(`${CREDITS_PER_LOOKUP} credits per lookup`);
				}
			},
		);

		it('a query about something else lists no Nyne node (a control for the searches above)', async () => {
			const { text } = await call('search_nodes', { queries: ['send a slack message'] });
			const listed = readSearch(text).get('send a slack message')?.ids ?? [];
			expect(listed).toContain('n8n-nodes-base.slack');
			expect(listed.filter((id) => id.startsWith('n8n-nodes-nyne.'))).toEqual([]);
		});

		it('the Nyne node says in its search result what X cannot list, and lists its operations with their notes', async () => {
			const { text } = await call('search_nodes', { queries: ['twitter followers'] });
			const section = text.slice(text.indexOf(`- ${NODE_TYPES.nyne}`));
			expect(section).toMatch(/@builderHint .*X \(Twitter\) and Instagram nodes cannot give/);
			expect(section).toContain(NODE_TYPES.nyneTrigger); // a related node, with its relation
		});

		it('get_node_types gives definitions with the SDK patterns, per operation and for each trigger and the tool', async () => {
			const { text } = await call('get_node_types', {
				nodeIds: [
					{ nodeId: NODE_TYPES.nyne, resource: 'interaction', operation: 'getReplies' },
					{ nodeId: NODE_TYPES.nyneFollowerTrigger },
					{ nodeId: NODE_TYPES.nyneTrigger },
					{ nodeId: NODE_TYPES.nyneTool, resource: 'interaction', operation: 'getFollowers' },
				],
			});
			expect(text).toContain("operation: 'getReplies'");
			expect(text).toContain('socialMediaUrl');
			expect(patternIn(text, 'Repliers of a post')).toContain(NODE_TYPES.nyne);
			expect(patternIn(text, 'callback pattern')).toContain("waitMode: 'none'");
			expect(patternIn(text, 'follower sync')).toContain(NODE_TYPES.nyneFollowerTrigger);
			expect(patternIn(text, 'Receive the people')).toContain(NODE_TYPES.nyneTrigger);
			expect(patternIn(text, 'AI Agent tool')).toContain('fromAi(');
		});

		it('every related node the hints name is a node type this n8n has', async () => {
			const related = [
				'n8n-nodes-base.googleSheets',
				'n8n-nodes-base.hubspot',
				'n8n-nodes-base.slack',
				'n8n-nodes-base.scheduleTrigger',
				'@n8n/n8n-nodes-langchain.agent',
			];
			const { text } = await call('get_node_types', {
				nodeIds: related.map((nodeId) => ({ nodeId })),
			});
			for (const nodeId of related) expect(text, nodeId).toContain(nodeId);
			expect(text).not.toMatch(/not found|unknown node/i);
		});

		describe('workflows written from those definitions with the SDK', () => {
			let definitions = '';
			beforeAll(async () => {
				definitions = (
					await call('get_node_types', {
						nodeIds: [
							{ nodeId: NODE_TYPES.nyne, resource: 'interaction', operation: 'getReplies' },
							{ nodeId: NODE_TYPES.nyneFollowerTrigger },
						],
					})
				).text;
				mkdirSync(ARTIFACTS, { recursive: true });
				writeFileSync(join(ARTIFACTS, 'definitions.ts.txt'), definitions);
			});

			const patterns = [
				{ title: 'follower sync', name: 'New followers into a sheet' },
				{ title: 'callback pattern', name: 'Repliers via callback' },
			];

			it.each(patterns)('validate_workflow accepts the $title', async ({ title }) => {
				const { result, text } = await call('validate_workflow', {
					code: patternIn(definitions, title),
				});
				const answer = (result as { structuredContent?: { valid?: boolean; errors?: string[] } })
					.structuredContent;
				expect(answer?.valid, text).toBe(true);
			});

			it.each(patterns)('create_workflow_from_code saves the $title', async ({ title, name }) => {
				const { result, text } = await call('create_workflow_from_code', {
					code: patternIn(definitions, title),
					versionName: `Nyne ${title}`,
				});
				const saved = (result as { structuredContent?: { workflowId?: string; name?: string } })
					.structuredContent;
				expect(saved?.workflowId, text).toMatch(/\S+/);
				expect(saved?.name).toBe(name);
				if (title === 'follower sync') followerSyncId = saved?.workflowId ?? '';
			});

			let followerSyncId = '';
			let callbackRunId = '';
			const CALLBACK_RUN = 'Repliers via callback, on this n8n';
			const POST = 'https://x.com/nyne_ai/status/1234567890';

			it('create_workflow_from_code saves the callback pattern again, for a run on this n8n', async () => {
				const { result, text } = await call('create_workflow_from_code', {
					code: patternIn(definitions, 'callback pattern'),
					name: CALLBACK_RUN,
					versionName: 'Nyne callback pattern on this n8n',
				});
				callbackRunId =
					(result as { structuredContent?: { workflowId?: string } }).structuredContent
						?.workflowId ?? '';
				expect(callbackRunId, text).not.toBe('');
			});

			/** What the pattern leaves to do after saving: callbackUrl = the trigger's production URL, as n8n assigned it. */
			async function completeCallbackUrl(): Promise<string> {
				const { nodes } = await savedWorkflow<{
					nodes: Array<{ type: string; webhookId?: string; parameters: Record<string, unknown> }>;
				}>(n8n, session, callbackRunId);
				const receiver = nodes.find((n) => n.type === NODE_TYPES.nyneTrigger);
				const lookup = nodes.find((n) => n.type === NODE_TYPES.nyne);
				expect(receiver?.webhookId).toMatch(/^[0-9a-f-]{36}$/);
				const url = `${n8n.baseUrl}/webhook/${receiver?.webhookId}/nyne?token=${String(receiver?.parameters.token)}`;
				expect(String(lookup?.parameters.callbackUrl)).toContain('Nyne Results');
				lookup!.parameters.callbackUrl = url;
				await saveWorkflow(n8n, session, callbackRunId, { nodes });
				return url;
			}

			/** What a user does before publishing the sync: n8n refuses to publish a Google Sheets node without a credential. */
			async function addSheetsCredential(): Promise<void> {
				const sheets = { id: 'sheets', name: 'Google Sheets', type: 'googleSheetsOAuth2Api' };
				const ids = await importInEditor(n8n, session, {
					credentials: [{ ...sheets, data: { clientId: 'local', clientSecret: 'local' } }],
				});
				const { nodes } = await savedWorkflow<{
					nodes: Array<{
						type: string;
						credentials?: Record<string, { id: string; name: string }>;
					}>;
				}>(n8n, session, followerSyncId);
				const sheetNodes = nodes.filter((n) => n.type === 'n8n-nodes-base.googleSheets');
				expect(sheetNodes).toHaveLength(1);
				for (const node of sheetNodes)
					node.credentials = { [sheets.type]: { id: ids.get(sheets.id)!, name: sheets.name } };
				await saveWorkflow(n8n, session, followerSyncId, { nodes });
			}

			it('published, the saved follower sync starts its baseline lookup of the profile on the sandbox, one lookup in all', async () => {
				expect(followerSyncId).not.toBe('');
				const before = sandbox.control.stats();
				await completeCallbackUrl();
				await addSheetsCredential();
				await publishInEditor(n8n, session, { id: followerSyncId });
				await publishInEditor(n8n, session, { id: callbackRunId });
				const baseline = () =>
					(sandbox.control.stats().submissionsByTarget['twitter:nyne_ai'] ?? 0) >
					(before.submissionsByTarget['twitter:nyne_ai'] ?? 0);
				await waitFor(baseline, 'the baseline lookup', 60_000);
				const after = sandbox.control.stats();
				expect(
					(after.submissionsByTarget['twitter:nyne_ai'] ?? 0) -
						(before.submissionsByTarget['twitter:nyne_ai'] ?? 0),
				).toBe(1);
				expect(after.submissions - before.submissions).toBe(1);
			});

			it("run from its Start, the callback pattern's lookup returns at once and its Nyne Trigger receives the repliers", async () => {
				const before = sandbox.control.stats();
				const callbacksBefore = sandbox.control.callbacks().length;
				const { text } = await call('execute_workflow', {
					workflowId: callbackRunId,
					executionMode: 'manual',
					triggerNodeName: 'Start',
				});
				expect(text).toContain('started');
				const started = await waitForExecutions(n8n, callbackRunId, (executions) =>
					executions.some((e) => 'Start Lookup' in e.data.resultData.runData),
				);
				const [startedItem] = nodeOutput(
					started.find((e) => 'Start Lookup' in e.data.resultData.runData)!.data,
					'Start Lookup',
				);
				expect(startedItem, JSON.stringify(startedItem)).toMatchObject({
					status: expect.any(String),
				});
				expect(String(startedItem.request_id)).toMatch(/^interaction_/);
				// A delivery is listed when its POST starts and gets its status when n8n answers: wait for the answer.
				const answered = () =>
					sandbox.control
						.callbacks()
						.slice(callbacksBefore)
						.find((c) => c.status !== undefined || c.error !== undefined);
				const delivered = await until(() => answered() !== undefined);
				expect(delivered, JSON.stringify(sandbox.control.callbacks())).toBe(true);
				const registered = await query(
					databaseFile(n8n),
					'SELECT workflowId, webhookPath, webhookId, method, node FROM webhook_entity',
				);
				const saved = await query<{ nodes: string }>(
					databaseFile(n8n),
					'SELECT nodes FROM workflow_entity WHERE id = ?',
					[callbackRunId],
				);
				expect(
					answered()?.status,
					JSON.stringify({ callbacks: sandbox.control.callbacks(), registered, saved }),
				).toBe(200);
				const received = await waitForExecutions(
					n8n,
					callbackRunId,
					(executions) =>
						executions.some(
							(e) =>
								e.status === 'success' &&
								'Handle Repliers' in e.data.resultData.runData &&
								e.mode === 'webhook',
						),
					{ timeoutMs: 90_000 },
				);
				const after = sandbox.control.stats();
				expect(after.submissions - before.submissions).toBe(1);
				expect(after.submissionsByTarget['twitter:status:1234567890'] ?? 0).toBe(1);
				expect(after.callbacksDelivered - before.callbacksDelivered).toBe(1);
				const webhookRun = received.find((e) => e.mode === 'webhook');
				const people = nodeOutput(webhookRun!.data, 'Handle Repliers');
				const expected = await directLookup(sandbox, {
					type: 'replies',
					social_media_url: POST,
					max_results: 500,
				});
				expect(people.map((p) => p.username)).toEqual(expected.map((p) => p.username));
			});
		});
	},
);
