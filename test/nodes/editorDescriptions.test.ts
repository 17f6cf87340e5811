// What the n8n editor shows of the nodes, read from the descriptions n8n loads: the picker's actions and card,
// the canvas subtitle, the hints under fields, the Simplify choice and the credential's help. The browser
// suite (test/system/n8n/editorJourney.test.ts) sees the same in a real editor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { NyneApi } from '../../credentials/NyneApi.credentials';
import { MAX_RESULTS_DESCRIPTION } from '../../nodes/common/fields';
import { readLookupShape, simplifyOption } from '../../nodes/common/output';
import { Nyne } from '../../nodes/Nyne/Nyne.node';
import { NyneFollowerTrigger } from '../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { NyneTrigger } from '../../nodes/NyneTrigger/NyneTrigger.node';
import { runNyne } from '../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../helpers/n8nCore/scaledSandbox';

const nyne = new Nyne().description;
const operationLists = nyne.properties.filter((property) => property.name === 'operation');
const operations = operationLists.flatMap((list) =>
	(list.options as INodePropertyOptions[]).map((option) => ({
		resource: String(list.displayOptions?.show?.resource?.[0]),
		option,
	})),
);
const field = (properties: INodeProperties[], name: string) =>
	properties.find((property) => property.name === name);

/** The subtitle n8n's editor would show for these parameters: the expression inside ={{ }}, evaluated. */
function subtitleFor(
	parameters: Record<string, string>,
	subtitle: unknown = nyne.subtitle,
): string {
	const expression = String(subtitle)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return new Function('$parameter', `return ${expression}`)(parameters) as string;
}

describe('the node picker', () => {
	it('lists every operation as an action in words, under its resource', () => {
		expect(operations.map(({ resource, option }) => [resource, option.action])).toEqual([
			['interaction', 'Get followers'],
			['interaction', 'Get followers and following'],
			['interaction', 'Get following'],
			['interaction', 'Get replies'],
			['request', 'Get a lookup by its request ID'],
			['account', 'Get usage and credits left'],
		]);
	});

	it("shows the Nyne card with the Nyne Trigger's description (n8n merges a node and its trigger), so that one describes the app", () => {
		const card = new NyneTrigger().description.description;
		expect(card).toMatch(/replied to a post/);
		expect(card).toMatch(/follows an account/);
		expect(card).toMatch(/Twitter\/X and Instagram/);
		expect(card).not.toMatch(/webhook/i);
		expect(new NyneFollowerTrigger().description.description).not.toBe(card);
	});
});

describe('the canvas subtitle', () => {
	it("shows the Follower Trigger's event in words", () => {
		const subtitle = new NyneFollowerTrigger().description.subtitle;
		expect(subtitleFor({ event: 'newFollower' }, subtitle)).toBe('New Follower');
		expect(subtitleFor({ event: 'lostFollowing' }, subtitle)).toBe('Stopped Following');
	});

	it('names the operation in words', () => {
		expect(subtitleFor({ resource: 'interaction', operation: 'getFollowers' })).toBe(
			'Get Followers',
		);
		expect(subtitleFor({ resource: 'interaction', operation: 'getReplies' })).toBe('Get Replies');
		expect(subtitleFor({ resource: 'interaction', operation: 'getFollowersAndFollowing' })).toBe(
			'Get Followers and Following',
		);
		expect(subtitleFor({ resource: 'request', operation: 'get' })).toBe('Get Request');
		expect(subtitleFor({ resource: 'account', operation: 'getUsage' })).toBe('Get Usage');
		for (const { resource, option } of operations)
			expect(subtitleFor({ resource, operation: String(option.value) })).not.toBe(option.value);
	});
});

describe('the fields', () => {
	it('Wait Mode has a hint under it naming each mode', () => {
		const hint = String(field(nyne.properties, 'waitMode')?.hint);
		for (const mode of ['Wait for Result', 'Wait for Callback', "Don't Wait"])
			expect(hint).toContain(mode);
	});

	it('Max Results says plainly what a value below 10 does, in one description on every node and for the AI tool', () => {
		expect(MAX_RESULTS_DESCRIPTION).toMatch(/below 10 counts as 10/);
		expect(MAX_RESULTS_DESCRIPTION).toMatch(/at most 1000/);
		const lookupField = field(nyne.properties, 'maxResults');
		const triggerField = field(new NyneFollowerTrigger().description.properties, 'maxResults');
		expect(lookupField?.description).toBe(MAX_RESULTS_DESCRIPTION);
		expect(triggerField?.description).toBe(MAX_RESULTS_DESCRIPTION);
		expect(lookupField?.hint).toMatch(/below 10 counts as 10/);
		// Saved workflows may hold 1 to 9: the field keeps accepting them (Nyne raises them to 10).
		expect(lookupField?.typeOptions?.minValue).toBe(1);

		const example = readFileSync(
			join(__dirname, '..', '..', 'examples', 'ai-agent-nyne-tool.json'),
			'utf8',
		);
		const fromAi = /\$fromAI\('max_results', '([^']*)'/.exec(example);
		expect(fromAi?.[1]).toBe(MAX_RESULTS_DESCRIPTION);
	});

	it("the credential's key and secret say where to find them, on nyne.ai", () => {
		const fields = new NyneApi().properties;
		for (const name of ['apiKey', 'apiSecret']) {
			const credentialField = field(fields, name);
			expect(credentialField?.hint).toMatch(/Nyne dashboard at https:\/\/www\.nyne\.ai/);
			expect(credentialField?.description).toContain('href="https://www.nyne.ai"');
		}
	});

	it('no sticky note in the examples speaks of npm start', () => {
		for (const file of [
			'ai-agent-nyne-tool.json',
			'new-followers-to-crm.json',
			'reply-digest.json',
		]) {
			const example = JSON.parse(
				readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8'),
			) as { nodes: Array<{ type: string; parameters: { content?: string } }> };
			const notes = example.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect(notes.length).toBeGreaterThan(0);
			for (const note of notes) expect(note.parameters.content).not.toMatch(/npm start/);
		}
	});
});

describe('Simplify: adding it changes nothing until a choice is made', () => {
	it('is a choice named in words whose default follows the caller, with the switch values saved workflows hold', () => {
		expect(simplifyOption.type).toBe('options');
		const choices = simplifyOption.options as INodePropertyOptions[];
		expect(choices.map((choice) => [choice.name, choice.value])).toEqual([
			['Raw Data', false],
			['Simplified', true],
			['Simplified for an AI Agent, Raw Data in a Workflow', 'auto'],
		]);
		expect(simplifyOption.default).toBe('auto');
		const added = { simplify: simplifyOption.default };
		expect(readLookupShape(added, false)).toBe(readLookupShape({}, false));
		expect(readLookupShape(added, true)).toBe(readLookupShape({}, true));
		expect(readLookupShape({ simplify: false }, true)).toBe('split');
		expect(readLookupShape({ simplify: true }, false)).toBe('simplified');
	});

	const env = useScaledSandbox(0.001, { resetEach: true });
	it('in a workflow, a lookup with Simplify just added outputs the raw people, as without it', async () => {
		const parameters = (options: Record<string, unknown>) => ({
			resource: 'interaction',
			operation: 'getFollowers',
			socialMediaUrl: 'https://x.com/nyne_ai',
			maxResults: 20,
			waitMode: 'poll',
			options,
		});
		const without = await runNyne(env.credentials, [{}], { parameters: parameters({}) });
		const added = await runNyne(env.credentials, [{}], {
			parameters: parameters({ simplify: simplifyOption.default }),
		});
		expect(without.output).toHaveLength(20);
		expect(added.output).toHaveLength(20);
		expect(added.output![0].json).toHaveProperty('request_id');
		expect(added.output![0].json).not.toHaveProperty('people_omitted');
	});
});
