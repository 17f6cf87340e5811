import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { NyneApi } from '../../credentials/NyneApi.credentials';
import { Nyne } from '../../nodes/Nyne/Nyne.node';
import { NyneFollowerTrigger } from '../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { NyneTrigger } from '../../nodes/NyneTrigger/NyneTrigger.node';
import { runNyne } from '../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../helpers/n8nCore/scaledSandbox';

// n8n's UX guidelines for community nodes, checked on the descriptions n8n loads (lists built at run time
// included, which the AST-based lint cannot see).
const NODES: INodeTypeDescription[] = [
	new Nyne().description,
	new NyneTrigger().description,
	new NyneFollowerTrigger().description,
];
type Choice = INodePropertyOptions | INodeProperties | INodePropertyCollection;

/** Every parameter, nested ones (collection options) included, with where it sits. */
function allParameters(
	properties: INodeProperties[],
	path: string,
): Array<{ path: string; parameter: INodeProperties }> {
	return properties.flatMap((parameter) => {
		const here = `${path} > ${parameter.displayName}`;
		const nested = (parameter.options ?? []).filter(
			(choice): choice is INodeProperties => 'type' in choice,
		);
		return [{ path: here, parameter }, ...allParameters(nested, here)];
	});
}

const PARAMETERS = NODES.flatMap((node) => allParameters(node.properties, node.displayName));
const labelOf = (choice: Choice) => ('displayName' in choice ? choice.displayName : choice.name);
/** eslint-plugin-n8n-nodes-base's comparator (ast/utils/sort: localeCompare on the label). */
const sortedLabels = (choices: Choice[]) => choices.map(labelOf).sort((a, b) => a.localeCompare(b));

function codex(node: string): { categories: string[]; subcategories?: Record<string, string[]> } {
	return JSON.parse(
		readFileSync(join(__dirname, '..', '..', 'nodes', node, `${node}.node.json`), 'utf8'),
	);
}

describe("n8n's UX guidelines", () => {
	it('list options are sorted alphabetically, as n8n-nodes-base lint orders them', () => {
		const lists = PARAMETERS.filter(({ parameter }) =>
			['options', 'multiOptions', 'collection'].includes(parameter.type),
		);
		expect(lists.length).toBeGreaterThanOrEqual(8);
		const unsorted = lists
			.map(({ path, parameter }) => ({
				path,
				labels: (parameter.options as Choice[]).map(labelOf),
				sorted: sortedLabels(parameter.options as Choice[]),
			}))
			.filter(({ labels, sorted }) => labels.join('|') !== sorted.join('|'));
		expect(unsorted).toEqual([]);
	});

	it("every node is filed under Marketing and Sales only: n8n's editor lists a node filed under AI > Tools as a tool, without its actions", () => {
		// n8n derives the Nyne Tool (filed under AI > Tools) from usableAsTool by itself; the object form only
		// replaces the Tool's note to AI builders (test/nodes/common/builderHints.test.ts), nothing the editor shows.
		const usableAsTool = new Nyne().description.usableAsTool;
		expect(
			typeof usableAsTool === 'object' && Object.keys(usableAsTool.replacements ?? {}),
		).toEqual(['builderHint']);
		for (const node of ['Nyne', 'NyneTrigger', 'NyneFollowerTrigger']) {
			expect(codex(node).categories).toEqual(['Marketing', 'Sales']);
			expect(codex(node).subcategories).toBeUndefined();
		}
	});

	it("a trigger's event choice is called Trigger On, without a tooltip", () => {
		const event = new NyneFollowerTrigger().description.properties.find(
			(parameter) => parameter.name === 'event',
		);
		expect(event?.displayName).toBe('Trigger On');
		expect(event?.description).toBeUndefined();
	});

	it('the credential: key and secret are required password fields; the base URL is optional and points at the sandbox the README names', () => {
		const fields = Object.fromEntries(new NyneApi().properties.map((field) => [field.name, field]));
		for (const name of ['apiKey', 'apiSecret']) {
			expect(fields[name]).toMatchObject({
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
			});
		}
		expect(fields.baseUrl.required).toBeFalsy();
		expect(fields.baseUrl.typeOptions?.password).toBeUndefined();
		expect(fields.baseUrl.description).toContain('http://127.0.0.1:8787');
		expect(readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')).toContain(
			'http://127.0.0.1:8787',
		);
	});
});

describe("the Nyne node's webhook lifecycle (complete, as n8n's scanner requires)", () => {
	it('serves only a restartWebhook, and its methods register nothing: they answer without touching their context', async () => {
		const nyne = new Nyne();
		expect(nyne.description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', restartWebhook: true }),
		]);
		const untouchable = new Proxy(
			{},
			{
				get(_target, property) {
					throw new Error(`the lifecycle used this.${String(property)}`);
				},
			},
		);
		const { checkExists, create, delete: remove } = nyne.webhookMethods.default;
		for (const method of [checkExists, create, remove])
			await expect(method.call(untouchable as never)).resolves.toBe(true);
	});
});

describe('error messages name the item, once', () => {
	const env = useScaledSandbox(0.001, { resetEach: true });
	const lookup = {
		parameters: {
			resource: 'interaction',
			operation: 'getFollowers',
			socialMediaUrl: '={{ $json.url }}',
			maxResults: 10,
		},
	};

	it('bad input in the second item ends with [item 1]', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }, { url: 'https://example.com/nobody' }],
			lookup,
		);
		expect(result.error?.message).toMatch(/URL.* \[item 1\]$/);
		expect(result.error?.message.match(/\[item/g)).toHaveLength(1);
	});

	it('a lookup that fails while being waited for ends with [item 0], not twice', async () => {
		const result = await runNyne(env.credentials, [{ url: 'https://x.com/nodata_person' }], lookup);
		expect(result.error?.message).toMatch(/^The lookup failed: .* \[item 0\]$/);
		expect(result.error?.message.match(/\[item/g)).toHaveLength(1);
	});

	it('with Continue On Fail the error item, paired to its input, carries the same words without the item suffix (as the Nyne Trigger and Zapier show them)', async () => {
		const thrown = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }, { url: 'not a url at all' }],
			lookup,
		);
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }, { url: 'not a url at all' }],
			{ ...lookup, continueOnFail: true },
		);
		const failed = (result.output ?? []).find(
			(item) => (item.pairedItem as { item: number }).item === 1,
		);
		expect(thrown.error?.message).toBe(`${String(failed?.json.error)} [item 1]`);
	});
});
