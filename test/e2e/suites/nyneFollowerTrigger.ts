// The Nyne Follower Trigger polling under `n8n start`, on n8n's own scheduler. n8n refuses poll times
// whose seconds field contains "*" ("at least a minute"); an explicit list of seconds is accepted, so the
// workflow polls every 4 s through exactly the code path a per-minute poll uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	directLookup,
	importCredentials,
	importWorkflow,
	listExecutions,
	nodeOutput,
	nyneCredential,
	nyneCredentialRef,
	startN8n,
	waitForExecutions,
	NYNE_FOLLOWER_TRIGGER_TYPE,
	type N8nInstance,
	type RunningN8n,
	type WorkflowJson,
} from '../harness';
import { n8nVersionInfo } from '../../../scripts/n8n/versions.mjs';
import type { N8nTarget } from './targets';

/** n8n 2.41 refuses polls more often than once a minute; older versions take an explicit list of seconds. */
function pollSchedule(target: N8nTarget): { cron: string; everyMs: number } {
	if (!n8nVersionInfo(target.version).subMinutePolls)
		return { cron: '0 * * * * *', everyMs: 60_000 };
	return {
		cron: `${Array.from({ length: 15 }, (_, i) => i * 4).join(',')} * * * * *`,
		everyMs: 4_000,
	};
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function followerTrigger(
	name: string,
	socialMediaUrl: string,
	event: string,
	maxResults: number,
	cron: string,
): WorkflowJson {
	return chainWorkflow(name, [
		{
			name: 'Nyne Follower Trigger',
			type: NYNE_FOLLOWER_TRIGGER_TYPE,
			typeVersion: 1,
			parameters: {
				socialMediaUrl,
				event,
				maxResults,
				pollTimes: { item: [{ mode: 'custom', cronExpression: cron }] },
			},
			credentials: nyneCredentialRef(),
		},
	]);
}

export function describeNyneFollowerTrigger(target: N8nTarget): void {
	describe(`Nyne Follower Trigger in real n8n ${target.version} (\`n8n start\`, polling)`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n;
		const schedule = pollSchedule(target);
		// Enough polls for a baseline, a lookup started before the churn, and a person missing from two lookups.
		const waitMs = Math.max(60_000, schedule.everyMs * 6);
		const newFollowers = followerTrigger(
			'new followers',
			'https://x.com/henry_e2e',
			'newFollower',
			50,
			schedule.cron,
		);
		const lostFollowing = followerTrigger(
			'stopped following',
			'https://x.com/ivy2_e2e',
			'lostFollowing',
			100,
			schedule.cron,
		);
		const submissionsFor = (target: string) =>
			sandbox.control.stats().submissionsByTarget[target] ?? 0;

		async function waitForSubmissions(
			target: string,
			count: number,
			timeoutMs = waitMs,
		): Promise<void> {
			const deadline = Date.now() + timeoutMs;
			while (submissionsFor(target) < count) {
				if (Date.now() > deadline)
					throw new Error(`${target}: ${submissionsFor(target)} submissions, waited for ${count}`);
				await sleep(250);
			}
		}

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			await importCredentials(n8n, [nyneCredential(sandbox)]);
			await importWorkflow(n8n, [newFollowers, lostFollowing]);
			await target.activate(n8n, newFollowers.id);
			await target.activate(n8n, lostFollowing.id);
			server = await startN8n(n8n, { activated: [newFollowers.name, lostFollowing.name] });
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		it(
			'sets a baseline first (no executions), then emits exactly the new followers once',
			async () => {
				expect(server.output()).toContain('Activated workflow "new followers"');
				// lookup 1 is submitted at activation; the poll that collects it (the baseline) submits lookup 2
				await waitForSubmissions('twitter:henry_e2e', 2);
				expect(await listExecutions(n8n, newFollowers.id)).toHaveLength(0);

				const before = await directLookup(sandbox, {
					type: 'followers',
					social_media_url: 'https://x.com/henry_e2e',
					max_results: 50,
				});
				sandbox.control.churn('twitter', 'henry_e2e', { addFollowers: 3 });
				const after = await directLookup(sandbox, {
					type: 'followers',
					social_media_url: 'https://x.com/henry_e2e',
					max_results: 50,
				});
				const known = new Set(before.map((p) => p.username));
				const added = after.map((p) => p.username).filter((u) => !known.has(u));
				expect(added).toHaveLength(3);

				const [execution] = await waitForExecutions(
					n8n,
					newFollowers.id,
					(all) => all.some((e) => e.status === 'success'),
					{ timeoutMs: waitMs },
				);
				expect(execution.mode).toBe('trigger');
				const events = nodeOutput(execution.data, 'Nyne Follower Trigger');
				expect(events.map((e) => e.username).sort()).toEqual([...added].sort());
				for (const event of events)
					expect(event).toMatchObject({
						event: 'newFollower',
						relation: 'follower',
						target_username: 'henry_e2e',
						platform: 'twitter',
					});

				// two more polls see no change: still one execution
				const seen = submissionsFor('twitter:henry_e2e');
				await waitForSubmissions('twitter:henry_e2e', seen + 2);
				expect(await listExecutions(n8n, newFollowers.id)).toHaveLength(1);
			},
			waitMs * 4,
		);

		it(
			'emits the accounts the profile stopped following',
			async () => {
				await waitForSubmissions('twitter:ivy2_e2e', 2);
				expect(await listExecutions(n8n, lostFollowing.id)).toHaveLength(0);
				const before = await directLookup(sandbox, {
					type: 'following',
					social_media_url: 'https://x.com/ivy2_e2e',
					max_results: 100,
				});
				expect(before.length).toBeLessThan(100);
				sandbox.control.churn('twitter', 'ivy2_e2e', { removeFollowing: 2 });
				const after = new Set(
					(
						await directLookup(sandbox, {
							type: 'following',
							social_media_url: 'https://x.com/ivy2_e2e',
							max_results: 100,
						})
					).map((p) => p.username),
				);
				const removed = before.map((p) => p.username).filter((u) => !after.has(u));
				expect(removed).toHaveLength(2);

				const [execution] = await waitForExecutions(
					n8n,
					lostFollowing.id,
					(all) => all.some((e) => e.status === 'success'),
					{ timeoutMs: waitMs },
				);
				const events = nodeOutput(execution.data, 'Nyne Follower Trigger');
				expect(events.map((e) => e.username).sort()).toEqual([...removed].sort());
				for (const event of events)
					expect(event).toMatchObject({
						event: 'lostFollowing',
						relation: 'following',
						target_username: 'ivy2_e2e',
					});
			},
			waitMs * 4,
		);
	});
}
