import { expect, it } from 'vitest';
import type { IDataObject, INode } from 'n8n-workflow';

import { baseCounts } from '../../sandbox/people';
import { applySnapshot, MAX_SEEN } from '../../nodes/NyneFollowerTrigger/followerState';
import type { FollowerState } from '../../nodes/NyneFollowerTrigger/followerState';
import { NyneFollowerTrigger } from '../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { pollContext, singleNodeWorkflow } from './harness/contexts';
import { useScaledSandbox } from './harness/scaledSandbox';

const TIME_SCALE = 0.001;
const trigger = new NyneFollowerTrigger();
const env = useScaledSandbox(TIME_SCALE, { sandbox: { jobDurationMs: 2_000 } });

/** A profile whose whole follower list fits in one lookup, so unfollows can be seen. */
function smallProfile(prefix: string): string {
	for (let i = 0; ; i++) {
		const username = `${prefix}${i}`;
		if (baseCounts('twitter', username).followers < 900) return username;
	}
}

function watcher(username: string, event: string, maxResults = 1000) {
	const node: INode = {
		id: `follower-${username}-${event}`,
		name: 'Nyne Follower Trigger',
		type: 'n8n-nodes-nyne.nyneFollowerTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { socialMediaUrl: `https://x.com/${username}`, event, maxResults },
		credentials: { nyneApi: { id: 'cred1', name: 'Nyne sandbox' } },
	};
	const workflow = singleNodeWorkflow(node);
	const poll = async () => await trigger.poll.call(pollContext(workflow, node, env.credentials));
	const state = () => workflow.staticData[`node:${node.name}`] as FollowerState & IDataObject;
	return { node, workflow, poll, state };
}

const settle = async () => await new Promise((resolve) => setTimeout(resolve, 30));

/** The lookup a poll collects may have been submitted just before the churn, so changes can take one more poll. */
async function eventsOverTwoPolls(poll: () => Promise<Array<Array<{ json: IDataObject }>> | null>): Promise<IDataObject[]> {
	const events: IDataObject[] = [];
	for (let i = 0; i < 2; i++) {
		await settle();
		events.push(...((await poll())?.[0] ?? []).map((item) => item.json));
	}
	return events;
}

it('submits on one poll, collects on the next: a baseline first, then new followers as events', async () => {
	const username = smallProfile('grace');
	const { poll, state } = watcher(username, 'newFollower');
	const before = env.sandbox.control.stats().submissions;

	expect(await poll()).toBeNull();
	expect(state().pending?.requestId).toMatch(/^interaction_/);
	expect(env.sandbox.control.stats().submissions).toBe(before + 1);

	await settle();
	expect(await poll()).toBeNull();
	expect(state().baselineAt).toBeTypeOf('number');
	expect(env.sandbox.control.stats().submissions).toBe(before + 2);

	env.sandbox.control.churn('twitter', username, { addFollowers: 3 });
	const events = await eventsOverTwoPolls(poll);
	expect(events).toHaveLength(3);
	for (const event of events) expect(event).toMatchObject({ event: 'newFollower', target_username: username, relation: 'follower' });
	expect(await eventsOverTwoPolls(poll)).toHaveLength(0);
});

it('reports unfollows as lostFollower events with the username', async () => {
	const username = smallProfile('heidi');
	const { poll } = watcher(username, 'lostFollower');
	await poll();
	await settle();
	expect(await poll()).toBeNull();
	env.sandbox.control.churn('twitter', username, { removeFollowers: 2 });
	const events = await eventsOverTwoPolls(poll);
	expect(events).toHaveLength(2);
	for (const event of events) {
		expect(event).toMatchObject({ event: 'lostFollower', target_username: username, platform: 'twitter' });
		expect(String(event.profile_url)).toBe(`https://x.com/${String(event.username)}`);
	}
});

it('a poll never waits: while the lookup runs it returns nothing and submits nothing', async () => {
	const username = smallProfile('ivan');
	const { poll, state } = watcher(username, 'newFollower');
	env.sandbox.control.setJobDurationMs(3_600_000);
	try {
		await poll();
		const pending = state().pending?.requestId;
		const submissions = env.sandbox.control.stats().submissions;
		expect(await poll()).toBeNull();
		expect(state().pending?.requestId).toBe(pending);
		expect(env.sandbox.control.stats().submissions).toBe(submissions);
	} finally {
		env.sandbox.control.setJobDurationMs(2_000);
	}
});

it('a list cut off by Max Results still shows new followers and invents no unfollows', async () => {
	const username = 'bigaccount';
	const newcomers = watcher(username, 'newFollower', 50);
	const leavers = watcher(username, 'lostFollower', 50);
	for (const w of [newcomers, leavers]) await w.poll();
	await settle();
	for (const w of [newcomers, leavers]) expect(await w.poll()).toBeNull();
	env.sandbox.control.churn('twitter', username, { addFollowers: 4 });
	expect(await eventsOverTwoPolls(newcomers.poll)).toHaveLength(4);
	expect(await eventsOverTwoPolls(leavers.poll)).toHaveLength(0);
});

it('changing the watched profile starts over with a new baseline', async () => {
	const first = smallProfile('judy');
	const w = watcher(first, 'newFollower');
	await w.poll();
	await settle();
	await w.poll();
	const baseline = w.state().baselineAt;
	w.node.parameters.socialMediaUrl = `https://x.com/${smallProfile('kim')}`;
	expect(await w.poll()).toBeNull();
	expect(w.state().baselineAt).toBeUndefined();
	expect(baseline).toBeTypeOf('number');
});

it('keeps the seen set bounded for accounts with tens of thousands of followers', () => {
	const state: FollowerState = {};
	const people = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({ username: `user${from + i}`, request_id: 'r', platform: 'twitter', interaction_type: 'followers', target_username: 't' }));
	for (let batch = 0; batch < 30; batch++) applySnapshot(state, { platform: 'twitter', people: people(batch * 1000, 1000), complete: false }, 'newFollower', batch);
	expect((state.seen ?? '').length).toBe(MAX_SEEN * 8);
	const latest = applySnapshot(state, { platform: 'twitter', people: people(29_000, 1000), complete: false }, 'newFollower', 99);
	expect(latest.added).toHaveLength(0);
});

it('"fetch test event" returns a few real people shaped as events and leaves the stored state alone', async () => {
	const username = smallProfile('leo');
	const { node, workflow } = watcher(username, 'newFollower');
	const result = await trigger.poll.call(pollContext(workflow, node, env.credentials, 'manual'));
	const events = (result?.[0] ?? []).map((item) => item.json);
	expect(events).toHaveLength(3);
	expect(events[0]).toMatchObject({ event: 'newFollower', target_username: username });
	expect(workflow.staticData[`node:${node.name}`]).toBeUndefined();
});

it('bad input is an error before anything is sent', async () => {
	const broken = watcher('x', 'newFollower');
	broken.node.parameters.socialMediaUrl = 'https://x.com/someone/status/123';
	const before = env.sandbox.control.stats().requests;
	await expect(broken.poll()).rejects.toThrow(/profile/i);
	expect(env.sandbox.control.stats().requests).toBe(before);
});
