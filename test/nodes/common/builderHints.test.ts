// What n8n's AI workflow builder reads from the nodes (builderHint, property hints, codex aliases), checked on the
// descriptions n8n loads. The SDK examples are run against stand-ins of n8n's workflow SDK and every parameter they
// give a Nyne node is checked against that node's description, so an example cannot name a field or value the node
// does not have. test/system/n8n/builderSearch.test.ts sees the same through n8n 2.41's own MCP server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

import { CREDITS_PER_LOOKUP } from '../../../shared';
import type { BuilderHint, HintedNodeDescription } from '../../../nodes/common/builderHints';
import { NODE_TYPES } from '../../../nodes/common/builderHints';
import { CALLBACK_URL_PLACEHOLDER } from '../../../nodes/Nyne/builderHint';
import { Nyne } from '../../../nodes/Nyne/Nyne.node';
import { NyneFollowerTrigger } from '../../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { NyneTrigger } from '../../../nodes/NyneTrigger/NyneTrigger.node';

const ROOT = join(__dirname, '..', '..', '..');
const nyne = new Nyne().description as HintedNodeDescription;
const toolHint = (nyne.usableAsTool as { replacements: { builderHint: BuilderHint } } | undefined)
	?.replacements.builderHint;

/** Every node type the package gives n8n, by the name n8n gives it, with the description n8n loads for it. */
const NODES: Record<string, { description: HintedNodeDescription; hint?: BuilderHint }> = {
	[NODE_TYPES.nyne]: { description: nyne, hint: nyne.builderHint },
	[NODE_TYPES.nyneTool]: { description: nyne, hint: toolHint },
	[NODE_TYPES.nyneTrigger]: {
		description: new NyneTrigger().description as HintedNodeDescription,
		hint: (new NyneTrigger().description as HintedNodeDescription).builderHint,
	},
	[NODE_TYPES.nyneFollowerTrigger]: {
		description: new NyneFollowerTrigger().description as HintedNodeDescription,
		hint: (new NyneFollowerTrigger().description as HintedNodeDescription).builderHint,
	},
};

/** What each node's search hint must make a builder understand: its use, beside the price every hint names. */
const USES: Record<string, RegExp[]> = {
	[NODE_TYPES.nyne]: [
		/repl/i,
		/followers/i,
		/following/i,
		/X \(Twitter\)/,
		/waitMode/,
		/Follower Trigger/,
	],
	[NODE_TYPES.nyneTool]: [/AI Agent/, /fromAi\(\)/, /getReplies/, /getFollowers/],
	[NODE_TYPES.nyneTrigger]: [/waitMode 'none'/, /callbackUrl/, /\?token=/],
	[NODE_TYPES.nyneFollowerTrigger]: [
		/newFollower/,
		/lostFollower/,
		/checkEveryHours/,
		/credits a day/,
	],
};

interface SdkNode {
	factory: string;
	type: string;
	version: number;
	config: {
		name?: string;
		webhookId?: string;
		parameters?: Record<string, unknown>;
		credentials?: Record<string, unknown>;
	};
}

const EXPRESSION = Symbol('expression');

/** Runs one pattern's code with stand-ins for n8n's workflow SDK and returns the nodes it declares. */
function runPattern(code: string): SdkNode[] {
	const nodes: SdkNode[] = [];
	const factory = (name: string) => (spec: Omit<SdkNode, 'factory'>) => {
		const made = { factory: name, ...spec };
		nodes.push(made);
		return made;
	};
	const chain = { add: () => chain, to: () => chain };
	const sdk = {
		workflow: () => chain,
		node: factory('node'),
		trigger: factory('trigger'),
		tool: factory('tool'),
		expr: () => EXPRESSION,
		fromAi: () => EXPRESSION,
		newCredential: (name: string) => ({ name }),
		placeholder: (hint: string) => `placeholder:${hint}`,
	};
	new Function(...Object.keys(sdk), code.replace(/^export default /m, 'return '))(
		...Object.values(sdk),
	);
	return nodes;
}

const patternsOf = (hint: BuilderHint | undefined) =>
	(hint?.extraTypeDefContent ?? []).flatMap(({ content, displayOptions }) =>
		[...content.matchAll(/<pattern title="([^"]+)">\n([\s\S]*?)<\/pattern>/g)].map(
			([, title, code]) => ({ title, code, displayOptions }),
		),
	);

/** Whether a parameter is shown for these values (n8n's show/hide; `/name` reads a root parameter). */
function shown(property: INodeProperties, values: Record<string, unknown>): boolean {
	const valueOf = (key: string) => values[key.replace(/^\//, '')];
	const { show, hide } = property.displayOptions ?? {};
	const showOk = Object.entries(show ?? {}).every(([key, allowed]) =>
		(allowed as unknown[]).includes(valueOf(key)),
	);
	const hidden = Object.entries(hide ?? {}).some(([key, banned]) =>
		(banned as unknown[]).includes(valueOf(key)),
	);
	return showOk && !hidden;
}

/** Every problem with a parameter set for a node: unknown or hidden names, values its option lists lack. */
function problemsWith(
	description: INodeTypeDescription,
	parameters: Record<string, unknown>,
): string[] {
	const properties = description.properties;
	// what n8n fills in: the given values, then each shown parameter's default, in the description's order
	const values: Record<string, unknown> = { ...parameters };
	for (const property of properties)
		if (!(property.name in values) && shown(property, values))
			values[property.name] = property.default;
	const problems: string[] = [];
	const check = (candidates: INodeProperties[], name: string, value: unknown, path: string) => {
		const property = candidates.find(
			(candidate) => candidate.name === name && shown(candidate, values),
		);
		if (!property) return problems.push(`${path}${name} is not a shown parameter`);
		if (property.type === 'options' && value !== EXPRESSION) {
			const allowed = (property.options as INodePropertyOptions[]).map((option) => option.value);
			if (!allowed.includes(value as string))
				problems.push(`${path}${name}: ${String(value)} is not one of ${allowed.join(', ')}`);
		}
		if (property.type === 'collection')
			for (const [key, nested] of Object.entries(value as Record<string, unknown>))
				check(property.options as INodeProperties[], key, nested, `${path}${name}.`);
		return undefined;
	};
	for (const [name, value] of Object.entries(parameters)) {
		if (name === 'pollTimes' && description.polling) continue; // n8n adds it to every polling trigger
		check(properties, name, value, '');
	}
	for (const property of properties)
		if (property.required && shown(property, values) && !(property.name in parameters))
			problems.push(`required ${property.name} is missing`);
	return problems;
}

describe("what n8n's AI builder reads from the nodes", () => {
	it.each(Object.keys(NODES))('%s has a search hint naming its price and its use', (type) => {
		const hint = NODES[type].hint;
		expect(hint?.searchHint).toContain(`${CREDITS_PER_LOOKUP} credits per lookup`);
		for (const use of USES[type]) expect(hint?.searchHint).toMatch(use);
	});

	it('related nodes point at node types: our own ones exist, the callback and watch patterns are there', () => {
		const ours = new Set(Object.keys(NODES));
		const related = Object.entries(NODES).flatMap(([from, { hint }]) =>
			(hint?.relatedNodes ?? []).map((r) => ({ from, ...r })),
		);
		for (const { nodeType, relationHint } of related) {
			expect(nodeType).toMatch(
				/^(n8n-nodes-nyne|n8n-nodes-base|@n8n\/n8n-nodes-langchain)\.[a-z][A-Za-z]+$/,
			);
			if (nodeType.startsWith('n8n-nodes-nyne.')) expect(ours).toContain(nodeType);
			expect(relationHint.length).toBeGreaterThan(20);
		}
		const pairs = related.map(({ from, nodeType }) => `${from} -> ${nodeType}`);
		expect(pairs).toEqual(
			expect.arrayContaining([
				`${NODE_TYPES.nyne} -> ${NODE_TYPES.nyneTrigger}`,
				`${NODE_TYPES.nyneTrigger} -> ${NODE_TYPES.nyne}`,
				`${NODE_TYPES.nyneFollowerTrigger} -> n8n-nodes-base.googleSheets`,
				`${NODE_TYPES.nyneFollowerTrigger} -> n8n-nodes-base.hubspot`,
			]),
		);
	});

	it('the package.json lists exactly the node classes whose types the hints name', () => {
		const listed = (
			JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
				n8n: { nodes: string[] };
			}
		).n8n.nodes.map((path) => path.replace(/^.*\/(\w+)\.node\.js$/, '$1'));
		expect(listed.sort()).toEqual(['Nyne', 'NyneFollowerTrigger', 'NyneTrigger']);
	});

	it('every Nyne pattern is SDK code whose Nyne nodes carry only parameters, values and credentials the node has', () => {
		const checked: string[] = [];
		for (const [type, { hint }] of Object.entries(NODES)) {
			const patterns = patternsOf(hint);
			expect(patterns.length, type).toBeGreaterThan(0);
			for (const { title, code } of patterns) {
				for (const made of runPattern(code).filter((n) => n.type in NODES)) {
					const { description } = NODES[made.type];
					expect(made.factory, title).toBe(
						made.type === NODE_TYPES.nyneTool
							? 'tool'
							: description.group.includes('trigger')
								? 'trigger'
								: 'node',
					);
					expect(made.version, title).toBe(description.version);
					expect(problemsWith(description, made.config.parameters ?? {}), title).toEqual([]);
					expect(Object.keys(made.config.credentials ?? {}), title).toEqual(
						(description.credentials ?? []).map((credential) => credential.name),
					);
					checked.push(`${made.type}:${String(made.config.parameters?.operation ?? '')}`);
				}
			}
		}
		// each lookup operation, the tool, both triggers, and the callback pattern's Don't Wait lookup
		expect(new Set(checked)).toEqual(
			new Set([
				`${NODE_TYPES.nyne}:getReplies`,
				`${NODE_TYPES.nyne}:getFollowers`,
				`${NODE_TYPES.nyne}:getFollowing`,
				`${NODE_TYPES.nyne}:getFollowersAndFollowing`,
				`${NODE_TYPES.nyneTool}:getFollowers`,
				`${NODE_TYPES.nyneTrigger}:`,
				`${NODE_TYPES.nyneFollowerTrigger}:`,
			]),
		);
	});

	it("the callback pattern's lookup posts to its own Nyne Trigger, whose URL n8n fixes on save: callbackUrl is left as a placeholder naming it and its token", () => {
		const callback = patternsOf(nyne.builderHint).find(({ title }) =>
			title.includes('callback pattern'),
		);
		const made = runPattern(callback?.code ?? '');
		const lookup = made.find((n) => n.type === NODE_TYPES.nyne)?.config;
		const receiver = made.find((n) => n.type === NODE_TYPES.nyneTrigger)?.config;
		expect(lookup?.parameters?.waitMode).toBe('none');
		expect(lookup?.parameters?.callbackUrl).toBe(`placeholder:${CALLBACK_URL_PLACEHOLDER}`);
		expect(CALLBACK_URL_PLACEHOLDER).toContain(String(receiver?.name));
		expect(CALLBACK_URL_PLACEHOLDER).toContain(`?token=${String(receiver?.parameters?.token)}`);
		expect(String(receiver?.parameters?.token).length).toBeGreaterThanOrEqual(16);
	});

	it('the checker refuses what the node does not have (a control for the test above)', () => {
		expect(
			problemsWith(nyne, {
				resource: 'interaction',
				operation: 'getReplies',
				socialMediaUrl: 'x',
				tweetUrl: 'y',
			}),
		).toEqual(['tweetUrl is not a shown parameter']);
		expect(
			problemsWith(nyne, { resource: 'interaction', operation: 'getTweets', socialMediaUrl: 'x' }),
		).toEqual([
			'operation: getTweets is not one of getFollowers, getFollowersAndFollowing, getFollowing, getReplies',
			'socialMediaUrl is not a shown parameter',
		]);
		expect(
			problemsWith(nyne, {
				resource: 'interaction',
				operation: 'getReplies',
				socialMediaUrl: 'x',
				waitMode: 'poll',
				callbackUrl: 'u',
			}),
		).toEqual(['callbackUrl is not a shown parameter']);
		expect(
			problemsWith(nyne, {
				resource: 'interaction',
				operation: 'getReplies',
				socialMediaUrl: 'x',
				options: { retries: 2 },
			}),
		).toEqual(['options.retries is not a shown parameter']);
		expect(problemsWith(nyne, { resource: 'interaction', operation: 'getReplies' })).toEqual([
			'required socialMediaUrl is missing',
		]);
	});

	it('an example for an operation sits under that operation (displayOptions name real resource/operation values)', () => {
		for (const { displayOptions } of patternsOf(nyne.builderHint)) {
			const show = displayOptions?.show ?? {};
			const values = { resource: show.resource?.[0], operation: show.operation?.[0] };
			const stated = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
			expect(
				problemsWith(nyne, { ...stated, socialMediaUrl: 'x' }).filter(
					(p) => !p.startsWith('required'),
				),
			).toEqual([]);
		}
	});

	it('each URL field and Max Results tells the builder what to fill in; each operation says what it is for', () => {
		for (const { description } of Object.values(NODES)) {
			for (const property of description.properties.filter((p) =>
				['socialMediaUrl', 'maxResults'].includes(p.name),
			)) {
				const hint = (property as { builderHint?: { propertyHint: string } }).builderHint;
				expect(hint?.propertyHint, `${description.name}.${property.name}`).toMatch(
					property.name === 'maxResults' ? /10 to 1000.*credits per lookup/ : /https:\/\/x\.com\//,
				);
			}
		}
		const operations = nyne.properties
			.filter((p) => p.name === 'operation')
			.flatMap(
				(p) =>
					p.options as Array<INodePropertyOptions & { builderHint?: { propertyHint: string } }>,
			);
		expect(operations).toHaveLength(6);
		for (const option of operations)
			expect(option.builderHint?.propertyHint, String(option.value)).toBeTruthy();
		const replyUrl = nyne.properties.find(
			(p) =>
				p.name === 'socialMediaUrl' && p.displayOptions?.show?.operation?.includes('getReplies'),
		) as { builderHint?: { propertyHint: string } };
		expect(replyUrl.builderHint?.propertyHint).toMatch(/\/status\//);
	});

	it('codex aliases carry the words users search with', () => {
		const aliases = (node: string) =>
			(
				JSON.parse(readFileSync(join(ROOT, 'nodes', node, `${node}.node.json`), 'utf8')) as {
					alias: string[];
				}
			).alias;
		expect(aliases('Nyne')).toEqual(
			expect.arrayContaining([
				'replies',
				'repliers',
				'reply',
				'tweet',
				'post',
				'audience',
				'leads',
				'followers',
				'following',
				'engagement',
			]),
		);
		expect(aliases('NyneFollowerTrigger')).toEqual(
			expect.arrayContaining([
				'unfollow',
				'unfollowers',
				'new follower',
				'followers',
				'crm',
				'leads',
			]),
		);
		expect(aliases('NyneTrigger')).toEqual(expect.arrayContaining(['callback', 'webhook']));
	});

	it("no hint leaks n8n's wire format: n8n's own lint rule, in its AI-builder-prompt mode, passes on every hint file", async () => {
		const files = [
			'nodes/common/builderHints.ts',
			'nodes/Nyne/builderHint.ts',
			'nodes/NyneTrigger/builderHint.ts',
			'nodes/NyneFollowerTrigger/builderHint.ts',
		];
		const rule = '@n8n/community-nodes/no-builder-hint-leakage';
		const eslint = new ESLint({
			cwd: ROOT,
			overrideConfigFile: true,
			overrideConfig: [
				{
					files: ['**/*.ts'],
					languageOptions: { parser: tseslint.parser },
					plugins: { '@n8n/community-nodes': communityNodes as never },
					rules: { [rule]: ['error', { scope: 'all' }] },
				},
			],
		});
		const results = await eslint.lintFiles(files);
		expect(
			results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`)),
		).toEqual([]);
		// a control: the same rule flags a wire expression
		const [control] = await eslint.lintText("export const x = '={{ $json.url }}';", {
			filePath: join(ROOT, 'nodes/control.ts'),
		});
		expect(control.messages.map((m) => m.ruleId)).toEqual([rule]);
		// and what the hints become at run time carries no wire expression or connection-type name either
		const texts = JSON.stringify(Object.values(NODES).map(({ hint }) => hint));
		expect(texts).not.toMatch(/=\{\{|\bai_(tool|languageModel|memory)\b/);
	});
});
