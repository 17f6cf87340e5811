import { WorkflowExecute } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INode, INodeType } from 'n8n-workflow';
import { beforeEach, describe, expect, it } from 'vitest';

import { MemoryReuseStore } from '../../../shared';
import { overrideRuntime } from '../../helpers/n8nCore/runtimeOverride';
import {
	additionalDataFor,
	NODE_TYPES,
	runNyne,
	testWorkflow,
} from '../../helpers/n8nCore/n8nHarness';
import type { NyneTestCredentials } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

/*
 * What each scenario may spend, read from the sandbox's credit ledger. Time runs 100 times faster than the API's,
 * so the 15-minute reuse window is 9 real seconds: far more than a re-run takes here.
 */
const POOR: NyneTestCredentials['apiKey'] = 'nyne_poor_key';
const env = useScaledSandbox(0.01, {
	resetEach: true,
	sandbox: {
		jobDurationMs: 2_000,
		keys: [
			{ apiKey: 'nyne_sandbox_key', apiSecret: 'nyne_sandbox_secret' },
			{ apiKey: POOR, apiSecret: 'nyne_poor_secret', credits: 30 },
		],
	},
});
const TOOL = 'n8n-nodes-nyne.nyneTool';

const ledger = (apiKey = env.credentials.apiKey): number =>
	env.sandbox.control.stats().creditsByKey[apiKey] ?? Number.NaN;
const submissions = (): number => env.sandbox.control.stats().submissions;
const poor = (): NyneTestCredentials => ({
	apiKey: POOR,
	apiSecret: 'nyne_poor_secret',
	baseUrl: env.credentials.baseUrl,
});

const followers = (options: IDataObject = {}, url = 'https://x.com/nyne_ai') => ({
	resource: 'interaction',
	operation: 'getFollowers',
	socialMediaUrl: url,
	maxResults: 10,
	waitMode: 'poll',
	options,
});

/** Runs the Nyne node again and again in one execution, as an AI agent calls its tool: once per loop. */
const LOOP_TYPE: INodeType = {
	description: {
		displayName: 'Loop',
		name: 'loop',
		group: ['transform'],
		version: 1,
		description: 'Sends its input back to the Nyne node until it has run "times" times',
		defaults: {},
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [{ displayName: 'Times', name: 'times', type: 'number', default: 1 }],
	},
	async execute(this: IExecuteFunctions) {
		const state = this.getContext('node') as IDataObject;
		state.runs = Number(state.runs ?? 0) + 1;
		const items = this.getInputData();
		const again = Number(state.runs) < (this.getNodeParameter('times', 0) as number);
		return again ? [[], [{ json: {} }]] : [items, []];
	},
} as unknown as INodeType;
NODE_TYPES['test.loop'] = LOOP_TYPE;

async function agentCallsTool(times: number, options: IDataObject = {}) {
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
			id: 'n-nyne',
			name: 'Nyne',
			type: TOOL,
			typeVersion: 1,
			position: [200, 0],
			parameters: followers(options) as INode['parameters'],
			credentials: { nyneApi: { id: 'cred1', name: 'Nyne sandbox' } },
		},
		{
			id: 'n-loop',
			name: 'Loop',
			type: 'test.loop',
			typeVersion: 1,
			position: [400, 0],
			parameters: { times },
		},
	];
	const workflow = testWorkflow('wf-agent', nodes, {
		Items: { main: [[{ node: 'Nyne', type: 'main', index: 0 }]] },
		Nyne: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
		Loop: { main: [[], [{ node: 'Nyne', type: 'main', index: 0 }]] },
	});
	const run = await new WorkflowExecute(additionalDataFor(env.credentials, '202'), 'trigger').run({
		workflow,
		startNode: workflow.getNode('Items')!,
	});
	return (run.data.resultData.runData.Nyne ?? []).map((task) =>
		(task.data?.main?.[0] ?? []).map((item) => item.json),
	);
}

describe('a run budget: Max Lookups per Run', () => {
	it('an AI agent calling the tool 20 times in one execution spends the default budget of 5 lookups, and is told why', async () => {
		const answers = await agentCallsTool(20);
		expect(answers).toHaveLength(20);
		expect(submissions()).toBe(5);
		expect(ledger()).toBe(15);
		for (const answer of answers.slice(0, 5))
			expect(answer[0]).toMatchObject({ status: 'completed', credits: 3 });
		for (const answer of answers.slice(5)) {
			expect(answer).toHaveLength(1);
			expect(answer[0]).toMatchObject({ code: 'budget_exceeded' });
			expect(String(answer[0].error)).toContain(
				'budget of 5 lookups for this execution is spent (5 already started',
			);
			expect(String(answer[0].error)).toContain('Do not call this tool again');
		}
	});

	it("the agent's budget is the node's Max Lookups per Run when set", async () => {
		const answers = await agentCallsTool(4, { maxLookupsPerRun: 2 });
		expect(submissions()).toBe(2);
		expect(ledger()).toBe(6);
		expect(answers.map((answer) => answer[0].code ?? answer[0].status)).toEqual([
			'completed',
			'completed',
			'budget_exceeded',
			'budget_exceeded',
		]);
	});

	it('in a workflow, items beyond the budget are not sent: with Continue On Fail they are error items', async () => {
		const items = [1, 2, 3, 4].map((n) => ({ url: `https://x.com/person${n}` }));
		const run = await runNyne(
			env.credentials,
			items,
			{
				parameters: {
					...followers({ maxLookupsPerRun: 2, output: 'single' }),
					socialMediaUrl: '={{ $json.url }}',
				},
				continueOnFail: true,
			},
			'trigger',
		);
		expect(run.error).toBeUndefined();
		expect(submissions()).toBe(2);
		expect(ledger()).toBe(6);
		const out = run.output!.map((item) => item.json);
		expect(out.slice(0, 2).map((json) => json.credits)).toEqual([3, 3]);
		expect(out.slice(2).map((json) => json.code)).toEqual(['budget_exceeded', 'budget_exceeded']);
		expect(String(out[2].error)).toContain(
			'budget of 2 lookups for this run is spent (2 already started',
		);
	});

	it('without Continue On Fail the first item beyond the budget fails the run, naming the lookups already started', async () => {
		const items = [1, 2, 3].map((n) => ({ url: `https://x.com/person${n}` }));
		const run = await runNyne(
			env.credentials,
			items,
			{
				parameters: {
					...followers({ maxLookupsPerRun: 2 }),
					socialMediaUrl: '={{ $json.url }}',
				},
			},
			'trigger',
		);
		expect(run.error?.message).toContain('budget of 2 lookups for this run is spent');
		expect(submissions()).toBe(2);
		const description = String((run.error as { description?: string }).description);
		expect(description.match(/interaction_\w+/g)).toHaveLength(2);
	});
});

describe('a balance check before a batch', () => {
	it('a 100-item run with 30 credits left sends no lookup and names the numbers', async () => {
		const items = Array.from({ length: 100 }, (_, n) => ({ url: `https://x.com/person${n}` }));
		const parameters = { ...followers(), socialMediaUrl: '={{ $json.url }}' };
		const run = await runNyne(poor(), items, { parameters }, 'trigger');
		expect(run.error?.message).toContain('30 credits left; this run needs up to 300');
		expect(submissions()).toBe(0);
		expect(ledger(POOR)).toBe(0);

		const going = await runNyne(poor(), items, { parameters, continueOnFail: true }, 'trigger');
		expect(going.output).toHaveLength(100);
		expect(new Set(going.output!.map((item) => item.json.code))).toEqual(
			new Set(['insufficient_credits']),
		);
		expect(submissions()).toBe(0);
	});

	it('a batch the credits left can pay for goes ahead; one lookup alone is not checked', async () => {
		const items = Array.from({ length: 10 }, (_, n) => ({ url: `https://x.com/person${n}` }));
		const parameters = { ...followers({ output: 'single' }), socialMediaUrl: '={{ $json.url }}' };
		const run = await runNyne(poor(), items, { parameters }, 'trigger');
		expect(run.error).toBeUndefined();
		expect(ledger(POOR)).toBe(30);
		expect(env.sandbox.control.stats().byEndpoint['GET /usage']).toBe(1);
	});

	it('when /usage cannot be read, the run goes on', async () => {
		env.sandbox.control.injectFault({
			kind: 'server_error',
			method: 'GET',
			path: '/usage',
			times: 20,
		});
		const items = [{ url: 'https://x.com/a' }, { url: 'https://x.com/b' }];
		const parameters = { ...followers({ output: 'single' }), socialMediaUrl: '={{ $json.url }}' };
		const run = await runNyne(env.credentials, items, { parameters }, 'trigger');
		expect(run.error).toBeUndefined();
		expect(ledger()).toBe(6);
	});
});

describe('reuse of a lookup already paid for', () => {
	beforeEach(() => overrideRuntime({ reuse: new MemoryReuseStore() }));

	it('an editor re-run of the same lookup costs 0 credits and says so', async () => {
		const first = await runNyne(env.credentials, [{}], {
			parameters: followers({ output: 'single' }),
		});
		expect(first.output![0].json).toMatchObject({ status: 'completed', credits: 3 });
		expect(first.output![0].json).not.toHaveProperty('reused_from');
		expect(ledger()).toBe(3);
		const requestId = first.output![0].json.request_id;

		const again = await runNyne(env.credentials, [{}], {
			parameters: followers({ output: 'single' }),
		});
		expect(ledger()).toBe(3);
		expect(submissions()).toBe(1);
		expect(again.output![0].json).toMatchObject({
			request_id: requestId,
			status: 'completed',
			credits: 0,
			reused_from: requestId,
		});
		expect((again.output![0].json.interactions as unknown[]).length).toBe(10);
		const hints = again.run.data.resultData.runData.Nyne[0].hints ?? [];
		expect(hints.map((hint) => hint.message).join(' ')).toContain(
			`read again for 0 credits (request ${requestId})`,
		);

		// One item per person has no summary; the people are the same, and the hint still says so.
		const split = await runNyne(env.credentials, [{}], { parameters: followers() });
		expect(split.output).toHaveLength(10);
		expect(ledger()).toBe(3);
	});

	it('a credential edited to another API key does not reuse the lookups of the key before, and the run goes on', async () => {
		const first = await runNyne(env.credentials, [{}], {
			parameters: followers({ output: 'single' }),
		});
		expect(first.output![0].json).toMatchObject({ status: 'completed', credits: 3 });
		// The same credential (cred1) now holds another key: the request of the key before is not its own.
		const edited = await runNyne(poor(), [{}], { parameters: followers({ output: 'single' }) });
		expect(edited.error).toBeUndefined();
		expect(edited.output![0].json).toMatchObject({ status: 'completed', credits: 3 });
		expect(edited.output![0].json).not.toHaveProperty('reused_from');
		expect(ledger(POOR)).toBe(3);
		expect(ledger()).toBe(3);
		// Back on the first key, its own lookup is still reused.
		const back = await runNyne(env.credentials, [{}], {
			parameters: followers({ output: 'single' }),
		});
		expect(back.output![0].json).toMatchObject({
			credits: 0,
			reused_from: first.output![0].json.request_id,
		});
		expect(submissions()).toBe(2);
	});

	it('a lookup that differs in type, URL or Max Results is paid for', async () => {
		await runNyne(env.credentials, [{}], { parameters: followers() });
		await runNyne(env.credentials, [{}], { parameters: { ...followers(), maxResults: 20 } });
		await runNyne(env.credentials, [{}], { parameters: followers({}, 'https://x.com/other') });
		await runNyne(env.credentials, [{}], {
			parameters: { ...followers(), operation: 'getFollowing' },
		});
		expect(ledger()).toBe(12);
	});

	it('production runs pay again unless Reuse Paid Lookups is Always; Never pays in the editor too', async () => {
		await runNyne(env.credentials, [{}], { parameters: followers() }, 'trigger');
		await runNyne(env.credentials, [{}], { parameters: followers() }, 'trigger');
		expect(ledger()).toBe(6);
		await runNyne(env.credentials, [{}], { parameters: followers({ reuse: 'always' }) }, 'trigger');
		expect(ledger()).toBe(6);
		await runNyne(env.credentials, [{}], { parameters: followers({ reuse: 'never' }) });
		expect(ledger()).toBe(9);
	});

	it('a reused request Nyne no longer knows is looked up again, paid, as usual', async () => {
		await runNyne(env.credentials, [{}], { parameters: followers() });
		env.sandbox.control.reset(); // Nyne forgets every request
		const again = await runNyne(env.credentials, [{}], {
			parameters: followers({ output: 'single' }),
		});
		expect(again.error).toBeUndefined();
		expect(again.output![0].json).toMatchObject({ status: 'completed', credits: 3 });
		expect(again.output![0].json).not.toHaveProperty('reused_from');
		expect(ledger()).toBe(3);
		expect(submissions()).toBe(1);
	});

	it('a lookup that found no data costs nothing and is not reused', async () => {
		const parameters = followers({ output: 'single' }, 'https://x.com/nodata_nobody');
		const first = await runNyne(env.credentials, [{}], { parameters, continueOnFail: true });
		expect(first.output![0].json).toMatchObject({ code: 'lookup_failed' });
		await runNyne(env.credentials, [{}], { parameters, continueOnFail: true });
		expect(submissions()).toBe(2);
		expect(ledger()).toBe(0);
	});
});
