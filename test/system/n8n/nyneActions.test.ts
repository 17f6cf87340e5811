// Every operation of the installed `n8n-nodes-nyne.nyne` node, run by a real n8n as the editor runs a workflow
// (one `n8n start`, each workflow run from its Manual Trigger), checked on the items n8n produced and on what the
// sandbox saw: every version gets the same people, errors and pairing. Each workflow asks for a lookup no other
// one asks for, so no editor run reads another's paid lookup again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	directLookup,
	importInEditor,
	itemsFromUrls,
	listExecutions,
	manualTrigger,
	nodeItems,
	nodeOutput,
	nyneCredential,
	nyneNode,
	ownerSession,
	runError,
	runManually,
	startN8n,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
	type StoredExecution,
	type WorkflowJson,
} from '../../helpers/n8n';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

// The API clamps max_results to 10..1000, so every lookup here asks for 10 or more.
const PROFILE = 'https://x.com/alice_e2e';
const POST = 'https://x.com/alice_e2e/status/1790000000000000001';

const lookup = (operation: string, socialMediaUrl: string, extra: Record<string, unknown> = {}) =>
	nyneNode({ resource: 'interaction', operation, socialMediaUrl, maxResults: 12, ...extra });

const flows: Record<string, WorkflowJson> = {
	followers: chainWorkflow('followers', [manualTrigger(), lookup('getFollowers', PROFILE)]),
	following: chainWorkflow('following', [manualTrigger(), lookup('getFollowing', PROFILE)]),
	both: chainWorkflow('both', [
		manualTrigger(),
		lookup('getFollowersAndFollowing', PROFILE, { maxResults: 8 }),
	]),
	replies: chainWorkflow('replies', [
		manualTrigger(),
		lookup('getReplies', POST, { maxResults: 10 }),
	]),
	singleThenGet: chainWorkflow('single then get', [
		manualTrigger(),
		lookup('getFollowers', 'https://x.com/bob_e2e', {
			maxResults: 11,
			options: { output: 'single' },
		}),
		nyneNode(
			{ resource: 'request', operation: 'get', requestId: '={{ $json.request_id }}' },
			{ name: 'Get Request' },
		),
	]),
	noWait: chainWorkflow('no wait', [
		manualTrigger(),
		lookup('getFollowers', 'https://x.com/carol_e2e', { waitMode: 'none' }),
	]),
	usage: chainWorkflow('usage', [
		manualTrigger(),
		nyneNode({ resource: 'account', operation: 'getUsage' }),
	]),
	continueOnFail: chainWorkflow('continue on fail', [
		manualTrigger(),
		...itemsFromUrls(['https://x.com/dave_e2e', 'https://example.com/not-a-social-network']),
		nyneNode(
			{
				resource: 'interaction',
				operation: 'getFollowers',
				socialMediaUrl: '={{ $json.url }}',
				maxResults: 13,
			},
			{ onError: 'continueRegularOutput' },
		),
	]),
	badInput: chainWorkflow('bad input', [manualTrigger(), lookup('getReplies', PROFILE)]),
	noData: chainWorkflow('no data', [
		manualTrigger(),
		lookup('getFollowers', 'https://x.com/nodata_erin'),
	]),
	budget: chainWorkflow('budget', [
		manualTrigger(),
		...itemsFromUrls(['https://x.com/fay_e2e', 'https://x.com/gus_e2e', 'https://x.com/hal_e2e']),
		nyneNode(
			{
				resource: 'interaction',
				operation: 'getFollowers',
				socialMediaUrl: '={{ $json.url }}',
				maxResults: 10,
				options: { maxLookupsPerRun: 2, output: 'single' },
			},
			{ onError: 'continueRegularOutput' },
		),
	]),
};

function describeNyneActions(target: N8nTarget): void {
	describe(`Nyne node in real n8n ${target.version}, run from the editor`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n | undefined;
		let session: SessionHeaders;

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			server = await startN8n(n8n);
			session = await ownerSession(n8n);
			await importInEditor(n8n, session, {
				credentials: [nyneCredential(sandbox)],
				workflows: Object.values(flows),
			});
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		/** The credit ledger: what the scenario's n8n run charged the credential's key. */
		const ledger = (): number => sandbox.control.stats().creditsByKey[sandbox.apiKey] ?? 0;
		async function spending<T>(step: () => Promise<T>): Promise<T & { credits: number }> {
			const before = ledger();
			const result = await step();
			return Object.assign(result as object, { credits: ledger() - before }) as T & {
				credits: number;
			};
		}

		async function run(flow: WorkflowJson): Promise<StoredExecution> {
			const execution = await runManually(n8n, session, flow);
			expect(execution.status, JSON.stringify(execution.data.resultData.error)).toBe('success');
			return execution;
		}

		/** For workflows that fail: the execution n8n stored, ended in error, and the only one of its workflow. */
		async function runFailing(flow: WorkflowJson): Promise<StoredExecution> {
			const execution = await runManually(n8n, session, flow);
			expect(execution.status).toBe('error');
			expect((await listExecutions(n8n, flow.id)).map((stored) => stored.id)).toEqual([
				execution.id,
			]);
			return execution;
		}

		it('getFollowers: one item per follower, the same people the API returns, with request metadata', async () => {
			const { status, data, credits } = await spending(() => run(flows.followers));
			expect(status).toBe('success');
			expect(credits).toBe(3);
			const items = nodeItems(data, 'Nyne');
			const expected = await directLookup(sandbox, {
				type: 'followers',
				social_media_url: PROFILE,
				max_results: 12,
			});
			expect(items.map((i) => i.json.username)).toEqual(expected.map((p) => p.username));
			expect(items).toHaveLength(12);
			const requestIds = new Set(items.map((i) => i.json.request_id));
			expect(requestIds.size).toBe(1);
			for (const item of items) {
				expect(item.pairedItem).toEqual({ item: 0 });
				expect(item.json).toMatchObject({
					platform: 'twitter',
					interaction_type: 'followers',
					relation: 'follower',
					target_username: 'alice_e2e',
				});
				expect(typeof item.json.followers_count).toBe('number');
			}
		});

		it('getFollowing: people the profile follows', async () => {
			const { data, credits } = await spending(() => run(flows.following));
			expect(credits).toBe(3);
			const people = nodeOutput(data, 'Nyne');
			const expected = await directLookup(sandbox, {
				type: 'following',
				social_media_url: PROFILE,
				max_results: 12,
			});
			expect(people.map((p) => p.username)).toEqual(expected.map((p) => p.username));
			for (const person of people)
				expect(person).toMatchObject({
					interaction_type: 'following',
					relation: 'following',
					target_username: 'alice_e2e',
				});
		});

		it('getFollowersAndFollowing: both lists, each person marked with its relation', async () => {
			const { data, credits } = await spending(() => run(flows.both));
			expect(credits).toBe(3);
			const people = nodeOutput(data, 'Nyne');
			const relations = new Set(people.map((p) => p.relation));
			expect(relations).toEqual(new Set(['follower', 'following']));
			for (const person of people) expect(person.interaction_type).toBe('followers,following');
			const expected = await directLookup(sandbox, {
				type: 'followers,following',
				social_media_url: PROFILE,
				max_results: 8,
			});
			expect(people.map((p) => `${p.relation}:${p.username}`)).toEqual(
				expected.map((p) => `${p.relation}:${p.username}`),
			);
		});

		it('getReplies: repliers of a post with their reply text', async () => {
			const { data, credits } = await spending(() => run(flows.replies));
			expect(credits).toBe(3);
			const people = nodeOutput(data, 'Nyne');
			expect(people).toHaveLength(10);
			for (const person of people) {
				expect(person).toMatchObject({
					interaction_type: 'replies',
					platform: 'twitter',
					target_username: 'alice_e2e',
				});
				expect(typeof person.reply_text).toBe('string');
			}
		});

		it('output "single" gives one item with the whole result; Request > Get fetches the same people by request_id', async () => {
			const { data, credits } = await spending(() => run(flows.singleThenGet));
			expect(credits).toBe(3); // Request > Get reads it for free
			const [whole] = nodeOutput(data, 'Nyne');
			expect(nodeOutput(data, 'Nyne')).toHaveLength(1);
			expect(whole).toMatchObject({
				status: 'completed',
				interaction_type: 'followers',
				result_count: 11,
				credits: 3,
			});
			const interactions = whole.interactions as Array<Record<string, unknown>>;
			expect(interactions).toHaveLength(11);
			const fetched = nodeOutput(data, 'Get Request');
			expect(fetched.map((p) => p.username)).toEqual(interactions.map((p) => p.username));
			for (const person of fetched) expect(person.request_id).toBe(whole.request_id);
		});

		it('waitMode "none": returns the request at once and never polls', async () => {
			const before = sandbox.control.stats();
			const { data } = await run(flows.noWait);
			const [item, ...rest] = nodeOutput(data, 'Nyne');
			expect(rest).toHaveLength(0);
			expect(String(item.request_id)).toMatch(/^interaction_/);
			expect(['queued', 'processing', 'pending']).toContain(item.status);
			const after = sandbox.control.stats();
			expect(after.submissions - before.submissions).toBe(1);
			expect(
				(after.byEndpoint['GET /person/interactions'] ?? 0) -
					(before.byEndpoint['GET /person/interactions'] ?? 0),
			).toBe(0);
			// Its 3 credits are charged when it completes at Nyne: wait for that, so no later scenario is billed for it.
			const charged = before.creditsByKey[sandbox.apiKey] + 3;
			for (let tries = 0; ledger() < charged && tries < 600; tries++)
				await new Promise((resolve) => setTimeout(resolve, 100));
			expect(ledger()).toBe(charged);
		});

		it('getUsage: the account usage, matching the credits the sandbox has charged', async () => {
			const { data, credits } = await spending(() => run(flows.usage));
			expect(credits).toBe(0);
			const [usage] = nodeOutput(data, 'Nyne');
			const charged = sandbox.control.stats().creditsUsed;
			expect(charged).toBeGreaterThan(0);
			expect(usage.credits_used).toBe(charged);
			expect(Number(usage.credits_used) + Number(usage.credits_remaining)).toBe(
				usage.monthly_allocation,
			);
		});

		it('continueOnFail: the bad item becomes an error item paired to it, the good item still yields people', async () => {
			const { status, data, credits } = await spending(() => run(flows.continueOnFail));
			expect(credits).toBe(3);
			expect(status).toBe('success');
			const items = nodeItems(data, 'Nyne');
			const good = items.filter((i) => (i.pairedItem as { item: number }).item === 0);
			const bad = items.filter((i) => (i.pairedItem as { item: number }).item === 1);
			expect(good).toHaveLength(13);
			for (const item of good)
				expect(item.json).toMatchObject({ target_username: 'dave_e2e', relation: 'follower' });
			expect(bad).toHaveLength(1);
			expect(bad[0].json.code).toBe('invalid_url');
			expect(String(bad[0].json.error)).toMatch(/example\.com|Twitter|Instagram/i);
		});

		it('bad input (replies on a profile URL) fails with a clear error and sends nothing to the API', async () => {
			const before = sandbox.control.stats();
			const execution = await runFailing(flows.badInput);
			expect(execution.status).toBe('error');
			const error = runError(execution.data, 'Nyne');
			expect(`${error?.message} ${error?.description ?? ''}`).toMatch(/post/i);
			expect(sandbox.control.stats().requests).toBe(before.requests);
			expect(sandbox.control.stats().creditsByKey).toEqual(before.creditsByKey);
		});

		it('a lookup that fails at the API (no data for the profile) fails the node with the API reason and costs nothing', async () => {
			const before = sandbox.control.stats();
			const execution = await runFailing(flows.noData);
			expect(execution.status).toBe('error');
			const error = runError(execution.data, 'Nyne');
			expect(error?.message).toMatch(/lookup failed/i);
			const after = sandbox.control.stats();
			expect(after.submissions - before.submissions).toBe(1);
			expect(after.creditsUsed).toBe(before.creditsUsed);
		});

		it('Max Lookups per Run: items beyond it are not sent and become budget_exceeded items; the run spends 2 lookups', async () => {
			const { status, data, credits } = await spending(() => run(flows.budget));
			expect(status).toBe('success');
			expect(credits).toBe(6);
			const out = nodeOutput(data, 'Nyne');
			expect(out.map((item) => item.credits ?? item.code)).toEqual([3, 3, 'budget_exceeded']);
			expect(String(out[2].error)).toContain('budget of 2 lookups for this run is spent');
		});
	});
}

for (const target of N8N_TARGETS) describeNyneActions(target);
