import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	DEFAULT_CHECK_EVERY_HOURS,
	WATCH_POLL_ALLOWANCE_MS,
	lookupIntervalMs,
	pollWatch,
	sampleWatch,
} from '../../shared';
import type { WatchChange, WatchMode, WatchTarget } from '../../shared';
import { toNodeError } from '../common/errors';
import { buildLookupBody } from '../common/lookupBody';
import { createNyneClient, getRuntime } from '../common/transport';
import { staticDataStore, version010Hash } from './followerStore';
import { unlessPolling } from './overlapGuard';

export type FollowerEvent = 'newFollower' | 'lostFollower' | 'newFollowing' | 'lostFollowing';

const MANUAL_TIMEOUT_MS = 60_000;
const LOG_PREFIX = 'Nyne Follower Trigger:';

const RELATION_BY_EVENT: Record<FollowerEvent, 'followers' | 'following'> = {
	newFollower: 'followers',
	lostFollower: 'followers',
	newFollowing: 'following',
	lostFollowing: 'following',
};

function modeOf(event: FollowerEvent): WatchMode {
	return event === 'lostFollower' || event === 'lostFollowing' ? 'lost' : 'new';
}

function readTarget(context: IPollFunctions): WatchTarget & { event: FollowerEvent } {
	const event = context.getNodeParameter('event', 'newFollower') as FollowerEvent;
	const read = (name: string, fallback: unknown) => context.getNodeParameter(name, fallback);
	return {
		event,
		trigger: event,
		mode: modeOf(event),
		body: buildLookupBody(RELATION_BY_EVENT[event], read),
		intervalMs: lookupIntervalMs(
			read('checkEveryHours', DEFAULT_CHECK_EVERY_HOURS),
			'checkEveryHours',
		),
	};
}

function toItems(event: FollowerEvent, changes: WatchChange[]): INodeExecutionData[][] | null {
	if (changes.length === 0) return null;
	return [
		changes.map((change) => ({
			json: {
				event,
				...(change.person as IDataObject),
				detected_at: new Date(change.detectedAt).toISOString(),
			},
		})),
	];
}

/** One poll: the core's poll cycle over the node's static data; a lookup only when Check Every (Hours) allows. */
export async function pollFollowers(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		const target = readTarget(this);
		const client = await createNyneClient(this);
		const { now } = getRuntime();
		if (this.getMode() === 'manual')
			return toItems(
				target.event,
				await sampleWatch({ client, now }, target, { timeoutMs: MANUAL_TIMEOUT_MS }),
			);
		const staticData = this.getWorkflowStaticData('node');
		const outcome = await unlessPolling(staticData, now(), async () =>
			pollWatch(
				{
					client,
					now,
					store: staticDataStore(staticData),
					legacyHash: version010Hash,
					deadline: now() + WATCH_POLL_ALLOWANCE_MS,
				},
				target,
			),
		);
		if (!outcome) {
			this.logger.debug(`${LOG_PREFIX} the last poll still runs; this one hands over nothing`);
			return null;
		}
		for (const note of outcome.notes) this.logger.warn(`${LOG_PREFIX} ${note.message}`);
		return toItems(target.event, outcome.changes);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
