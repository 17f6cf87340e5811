import { beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';

import { baseCounts } from '../../../sandbox/people';
import { HOUR_MS } from '../../../shared';
import type { WatchRecord, WatchState } from '../../../shared';
import { getRuntime } from '../../../nodes/common/transport';
import { overrideRuntime } from '../../helpers/n8nCore/runtimeOverride';
import { NyneFollowerTrigger } from '../../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { pollContext, singleNodeWorkflow } from '../../helpers/n8nCore/contexts';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { followerTriggerNode } from '../../helpers/n8nCore/triggerNodes';

const TIME_SCALE = 0.001;
const trigger = new NyneFollowerTrigger();
const env = useScaledSandbox(TIME_SCALE, { sandbox: { jobDurationMs: 2_000 } });

/** The trigger's clock, moved one Check Every (Hours) forward before each poll so each poll may start a lookup. */
let offset = 0;
beforeAll(() => {
	const scaled = getRuntime().now;
	overrideRuntime({ now: () => scaled() + offset });
});

/** A profile whose whole follower list fits in one lookup, so unfollows can be seen. */
function smallProfile(prefix: string): string {
	for (let i = 0; ; i++) {
		const username = `${prefix}${i}`;
		if (baseCounts('twitter', username).followers < 900) return username;
	}
}

function watcher(username: string, event: string, maxResults = 1000) {
	const node = followerTriggerNode(`follower-${username}-${event}`, {
		socialMediaUrl: `https://x.com/${username}`,
		event,
		maxResults,
		checkEveryHours: 1,
	});
	const workflow = singleNodeWorkflow(node);
	const pollNow = async () => await trigger.poll.call(pollContext(workflow, node, env.credentials));
	const poll = async () => {
		offset += HOUR_MS;
		return await pollNow();
	};
	const record = () =>
		workflow.staticData[`node:${node.name}`] as Partial<WatchRecord> & IDataObject;
	const state = () => ({
		...record(),
		state: record().observed as WatchState | undefined,
	});
	return { node, workflow, poll, pollNow, state };
}

const settle = async () => await new Promise((resolve) => setTimeout(resolve, 30));

type Poll = () => Promise<Array<Array<{ json: IDataObject }>> | null>;

/** The lookup a poll collects may have been submitted just before the churn, so changes can take one more poll. */
async function eventsOverTwoPolls(poll: Poll): Promise<IDataObject[]> {
	return await eventsOverPolls(poll, 2);
}

/** Polls (at most `max` times) until `done` holds, and returns every event seen on the way. */
async function eventsUntil(poll: Poll, done: () => boolean, max = 8): Promise<IDataObject[]> {
	const events: IDataObject[] = [];
	for (let i = 0; i < max && !done(); i++) {
		await settle();
		events.push(...((await poll())?.[0] ?? []).map((item) => item.json));
	}
	if (!done()) throw new Error(`the condition did not hold after ${max} polls`);
	return events;
}

/** Lost people must be missing from two lookups after the churn: three polls. */
async function eventsOverPolls(poll: Poll, polls: number): Promise<IDataObject[]> {
	const events: IDataObject[] = [];
	for (let i = 0; i < polls; i++) {
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
	expect(state().state?.baselineAt).toBeTypeOf('number');
	expect(env.sandbox.control.stats().submissions).toBe(before + 2);

	env.sandbox.control.churn('twitter', username, { addFollowers: 3 });
	const events = await eventsOverTwoPolls(poll);
	expect(events).toHaveLength(3);
	for (const event of events)
		expect(event).toMatchObject({
			event: 'newFollower',
			target_username: username,
			relation: 'follower',
		});
	expect(await eventsOverTwoPolls(poll)).toHaveLength(0);
});

it('reports unfollows as lostFollower events with the username', async () => {
	const username = smallProfile('heidi');
	const { poll } = watcher(username, 'lostFollower');
	await poll();
	await settle();
	expect(await poll()).toBeNull();
	env.sandbox.control.churn('twitter', username, { removeFollowers: 2 });
	const events = await eventsOverPolls(poll, 3);
	expect(events).toHaveLength(2);
	expect(await eventsOverTwoPolls(poll)).toHaveLength(0);
	for (const event of events) {
		expect(event).toMatchObject({
			event: 'lostFollower',
			target_username: username,
			platform: 'twitter',
		});
		expect(String(event.profile_url)).toBe(`https://x.com/${String(event.username)}`);
	}
});

it('a poll never waits: while the lookup runs it returns nothing and submits nothing', async () => {
	const username = smallProfile('ivan');
	const { poll, pollNow, state } = watcher(username, 'newFollower');
	env.sandbox.control.setJobDurationMs(3_600_000);
	try {
		await poll();
		const pending = state().pending?.requestId;
		const submissions = env.sandbox.control.stats().submissions;
		expect(await pollNow()).toBeNull();
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
	const firstWatch = w.state().state?.watch;
	const second = smallProfile('kim');
	w.node.parameters.socialMediaUrl = `https://x.com/${second}`;
	expect(await w.poll()).toBeNull();
	await settle();
	expect(await w.poll()).toBeNull();
	expect(w.state().state?.watch).not.toBe(firstWatch);
	expect(w.state().state?.watch).toContain(second);
	env.sandbox.control.churn('twitter', second, { addFollowers: 2 });
	expect(await eventsOverTwoPolls(w.poll)).toHaveLength(2);
});

it('50 followers, then an empty list: nobody is reported lost, before or after the list comes back', async () => {
	let username = '';
	for (let i = 0; !username; i++)
		if (baseCounts('twitter', `nina${i}`).followers <= 60) username = `nina${i}`;
	const { poll, state } = watcher(username, 'lostFollower');
	await poll();
	await settle();
	expect(await poll()).toBeNull();
	const everyone = state().state?.count ?? 0;
	expect(everyone).toBeGreaterThan(0);
	env.sandbox.control.churn('twitter', username, { removeFollowers: everyone });
	expect(await eventsUntil(poll, () => state().state?.warned === 'suspicious_shrink')).toHaveLength(
		0,
	);
	expect(await eventsOverPolls(poll, 3)).toHaveLength(0);
});

it('a list that halves at once reports nobody lost after one lookup', async () => {
	let username = '';
	for (let i = 0; !username; i++)
		if (baseCounts('twitter', `olga${i}`).followers <= 90) username = `olga${i}`;
	const { poll, state } = watcher(username, 'lostFollower');
	await poll();
	await settle();
	await poll();
	const everyone = state().state?.count ?? 0;
	env.sandbox.control.churn('twitter', username, { removeFollowers: Math.ceil(everyone * 0.6) });
	expect(await eventsUntil(poll, () => state().state?.warned === 'suspicious_shrink')).toHaveLength(
		0,
	);
	expect(state().state?.count).toBe(everyone);
});

describe('static data it cannot trust re-baselines without items', () => {
	const variants: Array<[string, string, (data: IDataObject) => void]> = [
		[
			'a number where the remembered set belongs',
			'newFollower',
			(data) => Object.assign(data.observed as IDataObject, { seen: 42 }),
		],
		[
			'an odd-length hash string',
			'newFollower',
			(data) =>
				Object.assign(data.observed as IDataObject, {
					seen: `${String((data.observed as IDataObject).seen)}xyz`,
				}),
		],
		[
			'`last` not a list',
			'lostFollower',
			(data) => Object.assign(data.observed as IDataObject, { last: 'someone' }),
		],
		['an unknown version', 'newFollower', (data) => Object.assign(data, { v: 99 })],
		[
			'the layout of an older release',
			'newFollower',
			(data) => {
				for (const key of Object.keys(data)) delete data[key];
				Object.assign(data, {
					watch: '["newFollower","https://x.com/a",100]',
					seen: 'AAAAAAAA',
					baselineAt: 1,
					pending: { requestId: 'interaction_old_1', submittedAt: 1 },
				});
			},
		],
		[
			'a pending lookup that is a number, and no state',
			'newFollower',
			(data) => {
				delete data.observed;
				data.pending = 5;
			},
		],
	];
	variants.forEach(([name, event, corrupt], index) => {
		it(name, async () => {
			const username = smallProfile(`pat${index}x`);
			const { poll, state, workflow, node } = watcher(username, event);
			await poll();
			await settle();
			await poll();
			const firstBaseline = state().state?.baselineAt;
			expect(firstBaseline).toBeTypeOf('number');
			corrupt(workflow.staticData[`node:${node.name}`] as IDataObject);
			const events = await eventsUntil(
				poll,
				() => state().state?.v === 2 && state().state?.baselineAt !== firstBaseline,
			);
			expect(events).toHaveLength(0);
			expect(await eventsOverTwoPolls(poll)).toHaveLength(0);
			if (event !== 'newFollower') return;
			env.sandbox.control.churn('twitter', username, { addFollowers: 2 });
			expect(await eventsOverTwoPolls(poll)).toHaveLength(2);
		});
	});
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

it('at the default Check Every (Hours) = 24, polls in between send nothing: one lookup, then free polls', async () => {
	const username = smallProfile('quinn');
	const { poll, node } = watcher(username, 'newFollower');
	delete node.parameters.checkEveryHours;
	const before = env.sandbox.control.stats();
	await poll();
	await settle();
	await poll();
	const afterBaseline = env.sandbox.control.stats();
	// 23 more hours of polls: no POST, and no GET either (nothing is pending).
	for (let i = 0; i < 22; i++) await poll();
	const after = env.sandbox.control.stats();
	expect(afterBaseline.submissions - before.submissions).toBe(1);
	expect(after.submissions).toBe(afterBaseline.submissions);
	expect(after.requests).toBe(afterBaseline.requests);
	await poll();
	expect(env.sandbox.control.stats().submissions).toBe(afterBaseline.submissions + 1);
});

it('a Check Every (Hours) below 1 or not whole is an error before anything is sent', async () => {
	for (const hours of [0, 0.5, -3]) {
		const w = watcher(smallProfile('rose'), 'newFollower');
		w.node.parameters.checkEveryHours = hours;
		const before = env.sandbox.control.stats().requests;
		await expect(w.poll()).rejects.toThrow(/Check Every \(Hours\)/);
		expect(env.sandbox.control.stats().requests).toBe(before);
	}
});

it('polls that overlap (n8n starts one on schedule while the last still runs) hand over each change once and start one lookup', async () => {
	const username = smallProfile('oscar');
	const { poll, pollNow } = watcher(username, 'newFollower');
	await poll();
	await settle();
	expect(await poll()).toBeNull();
	env.sandbox.control.churn('twitter', username, { addFollowers: 3 });
	const events: IDataObject[] = [];
	for (let round = 0; round < 3; round++) {
		offset += HOUR_MS;
		await settle();
		const submissions = env.sandbox.control.stats().submissions;
		const outputs = await Promise.all([pollNow(), pollNow()]);
		for (const output of outputs) events.push(...(output?.[0] ?? []).map((item) => item.json));
		expect(env.sandbox.control.stats().submissions - submissions).toBeLessThanOrEqual(1);
	}
	expect(events.map((event) => event.username)).toHaveLength(3);
	expect(new Set(events.map((event) => event.username)).size).toBe(3);
});
