import type { Bundle, ZObject } from 'zapier-platform-core';

import {
	buildInteractionRequest,
	NyneApiError,
	pollWatch as runPollCycle,
	sampleWatch,
	watchKeyOf,
	type WatchTarget,
} from '../../../shared/index.js';
import { tryLock } from '../cache/cacheLock.js';
import { createNyneClient, STEP_BUDGET_MS } from '../client.js';
import { lookupInput } from '../fields.js';
import { sampleEvent } from '../samples.js';
import { watchCacheKey, zcacheStore } from './watchCache.js';
import { checkIntervalMs } from './watchFields.js';
import { toWatchEvents, type WatchEvent } from './watchItems.js';
import { ITEMS_PER_POLL, type WatchSpec } from './watchSpec.js';

const SAMPLE_POLL_RETRIES = 3;

function readTarget(bundle: Bundle, spec: WatchSpec): WatchTarget {
	return {
		trigger: spec.key,
		mode: spec.mode,
		body: buildInteractionRequest(lookupInput({ ...bundle.inputData, type: spec.type })),
		intervalMs: checkIntervalMs(bundle),
		handOver: ITEMS_PER_POLL,
	};
}

/**
 * One poll of a watch: the core's poll cycle over the Zap's z.cache record. Two polls of one watch at
 * once: the second returns nothing.
 */
export async function pollWatch(
	z: ZObject,
	bundle: Bundle,
	spec: WatchSpec,
): Promise<WatchEvent[]> {
	const target = readTarget(bundle, spec);
	if (bundle.meta?.isLoadingSample) return await sampleEvents(z, bundle, target, spec);
	const key = watchCacheKey(bundle, spec.key, watchKeyOf(target));
	const release = await tryLock(z, key);
	if (!release) return [];
	try {
		const outcome = await runPollCycle(
			{
				client: createNyneClient(z, bundle),
				now: () => Date.now(),
				store: zcacheStore(z, key, target.intervalMs),
				deadline: Date.now() + STEP_BUDGET_MS,
			},
			target,
		);
		for (const note of outcome.notes) z.console.log(`Nyne ${spec.key}: ${note.message}`);
		return toWatchEvents(outcome.changes, spec);
	} finally {
		await release();
	}
}

/** The editor's "Test trigger": a real lookup when it finishes within the step, shaped as this trigger's items; else the static sample. */
async function sampleEvents(
	z: ZObject,
	bundle: Bundle,
	target: WatchTarget,
	spec: WatchSpec,
): Promise<WatchEvent[]> {
	const client = createNyneClient(z, bundle, SAMPLE_POLL_RETRIES);
	try {
		const changes = await sampleWatch({ client, now: () => Date.now() }, target, {
			timeoutMs: STEP_BUDGET_MS,
		});
		const events = toWatchEvents(changes, spec);
		return events.length > 0 ? events : [sampleEvent(spec)];
	} catch (error) {
		if (
			error instanceof NyneApiError &&
			(error.code === 'timeout' || error.code === 'lookup_failed')
		)
			return [sampleEvent(spec)];
		throw error;
	}
}
