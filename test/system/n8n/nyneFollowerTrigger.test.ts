// The Nyne Follower Trigger polling under `n8n start`, on n8n's own scheduler: every 4 s through fifteen poll
// times (helpers/n8n/fastPolls.ts), exactly the code path a per-minute poll uses. A lookup starts at most once per
// Check Every (Hours) (1 here, the least the field takes): the n8n process runs on a clock the test moves an hour
// forward (helpers/n8n/shiftedClock.cjs), and polls are counted from n8n's own debug log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	directLookup,
	FAST_POLL_MS,
	fastPollTimes,
	importInEditor,
	isPublished,
	listExecutions,
	nodeOutput,
	NYNE_FOLLOWER_TRIGGER_TYPE,
	nyneCredential,
	nyneCredentialRef,
	ownerSession,
	startN8n,
	useShiftedClock,
	waitForExecutions,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
	type ShiftedClock,
	type WorkflowJson,
} from '../../helpers/n8n';
import { latest, N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

const HOUR_MS = 3_600_000;
const DEFAULTS_POLLS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function followerTrigger(
	name: string,
	socialMediaUrl: string,
	event: string,
	pollTimes: unknown,
	fields: Record<string, unknown> = {},
): WorkflowJson {
	return chainWorkflow(name, [
		{
			name: 'Nyne Follower Trigger',
			type: NYNE_FOLLOWER_TRIGGER_TYPE,
			typeVersion: 1,
			parameters: {
				socialMediaUrl,
				event,
				...fields,
				pollTimes,
			},
			credentials: nyneCredentialRef(),
		},
	]);
}

function describeNyneFollowerTrigger(target: N8nTarget): void {
	describe(`Nyne Follower Trigger in real n8n ${target.version} (\`n8n start\`, polling)`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n;
		let session: SessionHeaders;
		// Enough polls for a baseline, a lookup started before the churn, and a person missing from two lookups.
		const waitMs = Math.max(60_000, FAST_POLL_MS * 6);
		let clock: ShiftedClock;
		const newFollowers = followerTrigger(
			'new followers',
			'https://x.com/henry_e2e',
			'newFollower',
			fastPollTimes(),
			{ maxResults: 50, checkEveryHours: 1 },
		);
		const lostFollowing = followerTrigger(
			'stopped following',
			'https://x.com/ivy2_e2e',
			'lostFollowing',
			fastPollTimes(),
			{ maxResults: 100, checkEveryHours: 1 },
		);
		// Only the newest n8n: Check Every (Hours) left at its default of 24, polled with the others while the clock
		// moves on by the hour.
		const atDefaults = target.version === latest.version;
		const defaults = followerTrigger(
			'defaults',
			'https://x.com/jack_e2e',
			'newFollower',
			fastPollTimes(),
		);
		const workflows = atDefaults
			? [newFollowers, lostFollowing, defaults]
			: [newFollowers, lostFollowing];
		const pollsOf = (workflow: WorkflowJson) =>
			server
				.output()
				.split('\n')
				.filter(
					(line) =>
						/Poll(?:ing)? trigger initiated for workflow/.test(line) &&
						line.includes(`"${workflow.name}"`),
				).length;

		async function until(what: string, done: () => boolean, timeoutMs = waitMs): Promise<void> {
			const deadline = Date.now() + timeoutMs;
			while (!done()) {
				if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
				await sleep(250);
			}
		}

		/** Every lookup started so far has finished and a poll of `workflow` began after that: it collected. */
		async function collected(workflow: WorkflowJson): Promise<void> {
			await until('every lookup to finish', () => {
				const stats = sandbox.control.stats();
				return stats.creditsUsed >= 3 * stats.submissions;
			});
			const polls = pollsOf(workflow);
			await until(`a poll of "${workflow.name}"`, () => pollsOf(workflow) > polls);
			await sleep(2_000);
		}

		/** An hour later on n8n's clock: the next poll starts a lookup for `profile`. */
		async function lookupAnHourLater(profile: string): Promise<void> {
			const before = submissionsFor(profile);
			await clock.advance(HOUR_MS);
			await waitForSubmissions(profile, before + 1);
		}
		/** An hour later on n8n's clock: the next poll starts a lookup for `profile`, the one after collects it. */
		async function nextLookup(workflow: WorkflowJson, profile: string): Promise<void> {
			await lookupAnHourLater(profile);
			await collected(workflow);
		}
		/**
		 * An hour later on n8n's clock: the next lookup of `profile` is collected and emits, in exactly one trigger
		 * execution (any other execution's error is printed); returns what it emitted.
		 */
		async function eventsOfNextLookup(workflow: WorkflowJson, profile: string) {
			await lookupAnHourLater(profile);
			const executions = await waitForExecutions(
				n8n,
				workflow.id,
				(all) => all.some((e) => e.status === 'success'),
				{ timeoutMs: waitMs },
			);
			expect(
				executions.map((e) => `${e.mode} ${e.status}`),
				JSON.stringify(executions.map((e) => e.data.resultData.error ?? null)),
			).toEqual(['trigger success']);
			return nodeOutput(executions[0].data, 'Nyne Follower Trigger');
		}
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
			clock = useShiftedClock(n8n);
			n8n.env.N8N_LOG_LEVEL = 'debug';
			server = await startN8n(n8n);
			session = await ownerSession(n8n);
			await importInEditor(n8n, session, {
				credentials: [nyneCredential(sandbox)],
				workflows,
				publish: workflows,
			});
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		it(
			'sets a baseline first (no executions), then emits exactly the new followers once',
			async () => {
				expect(await isPublished(n8n, session, newFollowers)).toBe(true);
				// lookup 1 is submitted at activation; the next poll collects it (the baseline) and starts nothing
				await waitForSubmissions('twitter:henry_e2e', 1);
				await collected(newFollowers);
				expect(submissionsFor('twitter:henry_e2e')).toBe(1);
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

				const events = await eventsOfNextLookup(newFollowers, 'twitter:henry_e2e');
				expect(events.map((e) => e.username).sort()).toEqual([...added].sort());
				for (const event of events)
					expect(event).toMatchObject({
						event: 'newFollower',
						relation: 'follower',
						target_username: 'henry_e2e',
						platform: 'twitter',
					});

				// the next lookup sees no change: still one execution
				await nextLookup(newFollowers, 'twitter:henry_e2e');
				expect(await listExecutions(n8n, newFollowers.id)).toHaveLength(1);
			},
			waitMs * 4,
		);

		it(
			'emits the accounts the profile stopped following',
			async () => {
				await waitForSubmissions('twitter:ivy2_e2e', 1);
				await collected(lostFollowing);
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
				// missing from two lookups in a row: the first after the churn, then the one after it
				await nextLookup(lostFollowing, 'twitter:ivy2_e2e');
				expect(await listExecutions(n8n, lostFollowing.id)).toHaveLength(0);
				const events = await eventsOfNextLookup(lostFollowing, 'twitter:ivy2_e2e');
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

		if (atDefaults)
			it(
				'at its default Check Every (24 hours), it makes one lookup (the baseline) across its polls, an hour later too',
				async () => {
					await until(
						`${DEFAULTS_POLLS} polls of "defaults"`,
						() => pollsOf(defaults) >= DEFAULTS_POLLS,
					);
					await clock.advance(HOUR_MS);
					const polls = pollsOf(defaults);
					await until(
						'two polls of "defaults" an hour later',
						() => pollsOf(defaults) >= polls + 2,
					);
					expect(submissionsFor('twitter:jack_e2e')).toBe(1);
					expect(await listExecutions(n8n, defaults.id)).toHaveLength(0);
				},
				waitMs * 2,
			);
	});
}

for (const target of N8N_TARGETS) describeNyneFollowerTrigger(target);
