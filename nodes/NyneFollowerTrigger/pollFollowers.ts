import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { z } from 'zod';

import {
	observeLookup,
	readLookup,
	startLookup,
	toLookupView,
	toLostPersonItem,
} from '../../shared';
import type { InteractionItem, InteractionRequestBody, LookupView, NyneClient } from '../../shared';
import { errorCodeOf, toNodeError } from '../common/errors';
import { buildLookupBody } from '../common/lookupBody';
import { createNyneClient, getRuntime } from '../common/transport';

export type FollowerEvent = 'newFollower' | 'lostFollower' | 'newFollowing' | 'lostFollowing';

function isLostEvent(event: FollowerEvent): boolean {
	return event === 'lostFollower' || event === 'lostFollowing';
}

/** The lookup the last poll started, for the watch it was started for. */
const pendingSchema = z.object({
	requestId: z.string().min(1).max(200),
	submittedAt: z.number().finite(),
	watch: z.string(),
});
type PendingLookup = z.infer<typeof pendingSchema>;

/** Static data: `state` is the core watch's (it validates it), `pending` this poller's. Anything else is from an older version. */
interface FollowerStaticData {
	state?: unknown;
	pending?: PendingLookup;
}

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
	const body = buildLookupBody(RELATION_BY_EVENT[event], (name, fallback) =>
		context.getNodeParameter(name, fallback),
	);
	return {
		event,
		body,
		key: JSON.stringify([event, body.social_media_url, body.max_results ?? null]),
	};
}

function addedEvent(
	event: FollowerEvent,
	person: InteractionItem,
	detectedAt: string,
): IDataObject {
	return { event, ...(person as IDataObject), detected_at: detectedAt };
}

function removedEvent(
	event: FollowerEvent,
	username: string,
	lookup: LookupView,
	detectedAt: string,
): IDataObject {
	const item = toLostPersonItem(username, {
		platform: lookup.summary.platform ?? '',
		interactionType: lookup.summary.interaction_type ?? RELATION_BY_EVENT[event],
		relation: RELATION_BY_EVENT[event] === 'followers' ? 'follower' : 'following',
		targetUsername: lookup.summary.target?.username ?? '',
		requestId: lookup.summary.request_id,
	});
	return { event, ...item, detected_at: detectedAt };
}

/** Turns a finished lookup into events with the core watch, and stores its new state. */
function collect(
	context: IPollFunctions,
	data: FollowerStaticData,
	watch: Watch,
	lookup: LookupView,
): IDataObject[] {
	const { now } = getRuntime();
	const people = lookup.people;
	const platform = lookup.summary.platform ?? '';
	const complete = people.length < (watch.body.max_results ?? Number.POSITIVE_INFINITY);
	const outcome = observeLookup(
		data.state,
		{ platform, people, complete },
		{ watch: watch.key, mode: isLostEvent(watch.event) ? 'lost' : 'new', at: now() },
	);
	data.state = outcome.state;
	if (outcome.reset)
		context.logger.warn(
			`Nyne Follower Trigger: the stored state was set aside (${outcome.reset}); this lookup is the new baseline.`,
		);
	if (outcome.warning) context.logger.warn(`Nyne Follower Trigger: ${outcome.warning.message}`);
	const detectedAt = new Date(now()).toISOString();
	if (isLostEvent(watch.event))
		return outcome.lost.map((username) => removedEvent(watch.event, username, lookup, detectedAt));
	return outcome.added.map((person) => addedEvent(watch.event, person, detectedAt));
}

/** The static data as this version keeps it: a pending lookup only if well-formed and for this watch, older keys dropped. */
function readStaticData(
	context: IPollFunctions,
	staticData: IDataObject,
	watchKey: string,
): FollowerStaticData {
	for (const key of Object.keys(staticData))
		if (key !== 'state' && key !== 'pending') delete staticData[key];
	if (staticData.pending !== undefined) {
		const pending = pendingSchema.safeParse(staticData.pending);
		if (!pending.success)
			context.logger.warn(
				'Nyne Follower Trigger: the stored pending lookup was unreadable; starting a new one.',
			);
		if (!pending.success || pending.data.watch !== watchKey) delete staticData.pending;
	}
	return staticData as FollowerStaticData;
}

/** Looks at the pending lookup: its result, or undefined when there is none to collect (yet). */
async function checkPending(
	context: IPollFunctions,
	client: NyneClient,
	state: FollowerStaticData,
): Promise<LookupView | 'running' | undefined> {
	const pending = state.pending;
	if (!pending) return undefined;
	const age = getRuntime().now() - pending.submittedAt;
	let view: LookupView;
	try {
		view = await readLookup(client, pending.requestId, { submittedAt: pending.submittedAt });
	} catch (error) {
		if (errorCodeOf(error) !== 'request_not_found') throw toNodeError(context.getNode(), error);
		context.logger.warn(
			`Nyne Follower Trigger: request ${pending.requestId} is no longer known to Nyne; starting a new lookup.`,
		);
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
		context.logger.warn(
			`Nyne Follower Trigger: lookup ${pending.requestId} has run for over an hour; starting a new one.`,
		);
		delete state.pending;
		return undefined;
	}
	delete state.pending;
	return view;
}

/** "Fetch test event": a real lookup, waited for, a few of its people shaped as events. Touches no stored state. */
async function manualSample(
	client: NyneClient,
	watch: Watch,
): Promise<INodeExecutionData[][] | null> {
	const lookup = toLookupView(
		await client.fetchInteractions(watch.body, { timeoutMs: MANUAL_TIMEOUT_MS }),
	);
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

		const state = readStaticData(this, this.getWorkflowStaticData('node'), watch.key);

		const collected = await checkPending(this, client, state);
		if (collected === 'running') return null;
		const events = collected ? collect(this, state, watch, collected) : [];

		try {
			const started = await startLookup(client, watch.body);
			state.pending = {
				requestId: started.summary.request_id,
				submittedAt: getRuntime().now(),
				watch: watch.key,
			};
		} catch (error) {
			if (events.length === 0) throw toNodeError(this.getNode(), error);
			this.logger.warn(
				`Nyne Follower Trigger: the next lookup could not be started (${(error as Error).message}); the next poll tries again.`,
			);
		}
		return events.length > 0 ? [events.map((json) => ({ json }))] : null;
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
