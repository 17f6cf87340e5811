import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readLookup, startLookup, toLookupView } from '../../shared';
import type { InteractionItem, InteractionRequestBody, LookupView, NyneClient } from '../../shared';
import { errorCodeOf, toNodeError } from '../common/errors';
import { buildLookupBody } from '../common/lookupBody';
import { createNyneClient, getRuntime } from '../common/transport';
import { applySnapshot, isLostEvent, readState, resetState } from './followerState';
import type { FollowerEvent, FollowerState } from './followerState';

/** A lookup still running after this long is abandoned and a new one started. */
export const PENDING_MAX_AGE_MS = 3_600_000;
const MANUAL_TIMEOUT_MS = 60_000;
const MANUAL_SAMPLE_SIZE = 3;

const RELATION_BY_EVENT: Record<FollowerEvent, 'followers' | 'following'> = {
	newFollower: 'followers',
	lostFollower: 'followers',
	newFollowing: 'following',
	lostFollowing: 'following',
};

interface Watch {
	event: FollowerEvent;
	body: InteractionRequestBody;
	key: string;
}

function readWatch(context: IPollFunctions): Watch {
	const event = context.getNodeParameter('event', 'newFollower') as FollowerEvent;
	const body = buildLookupBody(RELATION_BY_EVENT[event], (name, fallback) => context.getNodeParameter(name, fallback));
	return { event, body, key: JSON.stringify([event, body.social_media_url, body.max_results ?? null]) };
}

function profileUrl(platform: string, username: string): string {
	return platform === 'instagram' ? `https://www.instagram.com/${username}/` : `https://x.com/${username}`;
}

function addedEvent(event: FollowerEvent, person: InteractionItem, detectedAt: string): IDataObject {
	return { event, ...(person as IDataObject), detected_at: detectedAt };
}

function removedEvent(event: FollowerEvent, username: string, lookup: LookupView, detectedAt: string): IDataObject {
	const platform = lookup.summary.platform ?? '';
	return {
		event,
		username,
		profile_url: profileUrl(platform, username),
		platform,
		interaction_type: lookup.summary.interaction_type,
		relation: RELATION_BY_EVENT[event] === 'followers' ? 'follower' : 'following',
		target_username: lookup.summary.target?.username ?? '',
		request_id: lookup.summary.request_id,
		detected_at: detectedAt,
	};
}

/** Turns a finished lookup into events, and moves the stored baseline forward. */
function collect(context: IPollFunctions, state: FollowerState, watch: Watch, lookup: LookupView): IDataObject[] {
	const { now } = getRuntime();
	const people = lookup.people;
	const platform = lookup.summary.platform ?? '';
	const complete = people.length < (watch.body.max_results ?? Number.POSITIVE_INFINITY);
	const changes = applySnapshot(state, { platform, people, complete }, watch.event, now());
	if (isLostEvent(watch.event) && !complete) {
		context.logger.warn(`Nyne Follower Trigger: the profile has at least ${people.length} people, more than Max Results, so unfollows cannot be told apart from the list's cut-off; raise Max Results to see them.`);
	}
	const detectedAt = new Date(now()).toISOString();
	if (isLostEvent(watch.event)) return changes.removed.map((username) => removedEvent(watch.event, username, lookup, detectedAt));
	return changes.added.map((person) => addedEvent(watch.event, person, detectedAt));
}

/** Looks at the pending lookup: its result, or undefined when there is none to collect (yet). */
async function checkPending(context: IPollFunctions, client: NyneClient, state: FollowerState): Promise<LookupView | 'running' | undefined> {
	const pending = state.pending;
	if (!pending) return undefined;
	const age = getRuntime().now() - pending.submittedAt;
	let view: LookupView;
	try {
		view = await readLookup(client, pending.requestId, { submittedAt: pending.submittedAt });
	} catch (error) {
		if (errorCodeOf(error) !== 'request_not_found') throw toNodeError(context.getNode(), error);
		context.logger.warn(`Nyne Follower Trigger: request ${pending.requestId} is no longer known to Nyne; starting a new lookup.`);
		delete state.pending;
		return undefined;
	}
	if (view.failure) {
		context.logger.warn(`Nyne Follower Trigger: ${view.failure.message} Starting a new one.`);
		delete state.pending;
		return undefined;
	}
	if (view.summary.status !== 'completed') {
		if (age < PENDING_MAX_AGE_MS) return 'running';
		context.logger.warn(`Nyne Follower Trigger: lookup ${pending.requestId} has run for over an hour; starting a new one.`);
		delete state.pending;
		return undefined;
	}
	delete state.pending;
	return view;
}

/** "Fetch test event": a real lookup, waited for, a few of its people shaped as events. Touches no stored state. */
async function manualSample(client: NyneClient, watch: Watch): Promise<INodeExecutionData[][] | null> {
	const lookup = toLookupView(await client.fetchInteractions(watch.body, { timeoutMs: MANUAL_TIMEOUT_MS }));
	const detectedAt = new Date(getRuntime().now()).toISOString();
	const sample = lookup.people.slice(0, MANUAL_SAMPLE_SIZE);
	const events = isLostEvent(watch.event)
		? sample.map((person) => removedEvent(watch.event, person.username, lookup, detectedAt))
		: sample.map((person) => addedEvent(watch.event, person, detectedAt));
	return events.length > 0 ? [events.map((json) => ({ json }))] : null;
}

/** One poll: collect the lookup the last poll started (if done), emit the changes, start the next lookup. Never waits for a job. */
export async function pollFollowers(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		const watch = readWatch(this);
		const client = await createNyneClient(this);
		if (this.getMode() === 'manual') return await manualSample(client, watch);

		const staticData = this.getWorkflowStaticData('node');
		if (readState(staticData).watch !== watch.key) resetState(staticData, watch.key);
		const state = readState(staticData);

		const collected = await checkPending(this, client, state);
		if (collected === 'running') return null;
		const events = collected ? collect(this, state, watch, collected) : [];

		try {
			const started = await startLookup(client, watch.body);
			state.pending = { requestId: started.summary.request_id, submittedAt: getRuntime().now() };
		} catch (error) {
			if (events.length === 0) throw toNodeError(this.getNode(), error);
			this.logger.warn(`Nyne Follower Trigger: the next lookup could not be started (${(error as Error).message}); the next poll tries again.`);
		}
		return events.length > 0 ? [events.map((json) => ({ json }))] : null;
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
