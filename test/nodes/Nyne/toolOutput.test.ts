import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { TOOL_OUTPUT_BUDGET_BYTES } from '../../../shared';
import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

const env = useScaledSandbox(0.001, { resetEach: true });
const TOOL = 'n8n-nodes-nyne.nyneTool';
const BIG = 'https://x.com/bigaccount';

const followers = (options: Record<string, unknown> = {}, maxResults = 1000) => ({
	resource: 'interaction',
	operation: 'getFollowers',
	socialMediaUrl: BIG,
	maxResults,
	waitMode: 'poll',
	options,
});

const answerBytes = (items: Array<{ json: unknown }> | undefined): number =>
	Buffer.byteLength(JSON.stringify((items ?? []).map((item) => item.json)));

interface Simplified {
	result_count: number;
	people: Array<Record<string, unknown>>;
	people_omitted: number;
}

describe('the Nyne tool answers an AI agent within its means', () => {
	it('called as a tool, a 1000-person lookup gives one simplified item within the byte budget', async () => {
		const run = await runNyne(env.credentials, [{}], { parameters: followers(), type: TOOL });
		expect(run.error).toBeUndefined();
		expect(run.output).toHaveLength(1);
		const answer = run.output![0].json as unknown as Simplified;
		expect(answer).toMatchObject({
			status: 'completed',
			interaction_type: 'followers',
			platform: 'twitter',
			target_username: 'bigaccount',
			result_count: 1000,
		});
		expect(answerBytes(run.output)).toBeLessThanOrEqual(TOOL_OUTPUT_BUDGET_BYTES);
		expect(answer.people.length).toBeGreaterThan(0);
		expect(answer.people_omitted).toBe(1000 - answer.people.length);
		expect(Object.keys(answer.people[0])).toEqual(
			expect.arrayContaining(['username', 'display_name', 'profile_url', 'followers_count']),
		);
		expect(answer.people[0]).not.toHaveProperty('following_count');
		expect(run.output![0].pairedItem).toEqual({ item: 0 });
	});

	it('Simplify off gives the tool the full result, in the Output chosen', async () => {
		const split = await runNyne(env.credentials, [{}], {
			parameters: followers({ simplify: false }),
			type: TOOL,
		});
		expect(split.output).toHaveLength(1000);
		expect(split.output![0].json).toHaveProperty('following_count');
		expect(answerBytes(split.output)).toBeGreaterThan(10 * TOOL_OUTPUT_BUDGET_BYTES);

		const single = await runNyne(env.credentials, [{}], {
			parameters: followers({ simplify: false, output: 'single' }),
			type: TOOL,
		});
		expect(single.output).toHaveLength(1);
		expect(single.output![0].json.interactions).toHaveLength(1000);
	});

	it('in a workflow the raw data stays the default, and Simplify on shapes it as for an agent', async () => {
		const plain = await runNyne(env.credentials, [{}], { parameters: followers({}, 20) });
		expect(plain.output).toHaveLength(20);
		expect(plain.output![0].json).toHaveProperty('request_id');

		const simplified = await runNyne(env.credentials, [{}], {
			parameters: followers({ simplify: true }, 20),
		});
		expect(simplified.output).toHaveLength(1);
		expect(simplified.output![0].json).toMatchObject({ result_count: 20, people_omitted: 0 });
		expect((simplified.output![0].json as unknown as Simplified).people).toHaveLength(20);
	});

	it('Request > Get called as a tool is simplified too', async () => {
		const earlier = await runNyne(env.credentials, [{}], { parameters: followers({}, 20) });
		const requestId = String(earlier.output?.[0].json.request_id);
		const got = await runNyne(env.credentials, [{}], {
			parameters: { resource: 'request', operation: 'get', requestId },
			type: TOOL,
		});
		expect(got.error).toBeUndefined();
		expect(got.output).toHaveLength(1);
		expect(got.output![0].json).toMatchObject({
			request_id: requestId,
			status: 'completed',
			result_count: 20,
			people_omitted: 0,
		});
		expect((got.output![0].json as unknown as Simplified).people).toHaveLength(20);
	});

	it("the AI agent example's tool parameters answer with the people's names, bios and follower counts", async () => {
		const example = JSON.parse(
			readFileSync(
				join(__dirname, '..', '..', '..', 'examples', 'ai-agent-nyne-tool.json'),
				'utf8',
			),
		) as {
			nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
		};
		const tool = example.nodes.find((node) => node.type === TOOL);
		expect(tool).toBeDefined();
		// What the model would fill in for the example's $fromAI parameters.
		const parameters = {
			...tool!.parameters,
			socialMediaUrl: 'https://x.com/nyne_ai',
			maxResults: 10,
		};
		const run = await runNyne(env.credentials, [{}], { parameters, type: TOOL });
		expect(run.error).toBeUndefined();
		const answer = run.output![0].json as unknown as Simplified;
		expect(answer.people).toHaveLength(10);
		expect(answer.people_omitted).toBe(0);
		for (const person of answer.people) {
			expect(typeof person.username).toBe('string');
			expect(typeof person.bio).toBe('string');
			expect(typeof person.followers_count).toBe('number');
		}
	});
});
