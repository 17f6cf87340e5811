import type { Bundle, ZObject } from 'zapier-platform-core';

import {
	buildInteractionRequest,
	EARLY_NOT_FOUND_GRACE_MS,
	NyneApiError,
	observeLookup,
	toInteractionItems,
	toLookupOutcome,
	type CompletedLookup,
	type InteractionRequestBody,
	type NyneClient,
} from '../../../shared/index.js';
import { tryLock } from '../cache/cacheLock.js';
import { clock } from '../clock.js';
import { createNyneClient, STEP_BUDGET_MS } from '../client.js';
import { lookupInput } from '../fields.js';
import {
	MAX_QUEUED,
	readEnvelope,
	watchCacheKey,
	writeEnvelope,
	type WatchEnvelope,
} from './watchCache.js';
import { checkIntervalMs } from './watchFields.js';
import { sampleEvent } from '../samples.js';
import { lostPersonEvents, newPersonEvents, type WatchEvent } from './watchItems.js';
import { ITEMS_PER_POLL, SAMPLE_SIZE, type WatchSpec } from './watchSpec.js';

/** A lookup still running after this long is given up, and the next one starts when the interval allows. */
const PENDING_MAX_AGE_MS = 3_600_000;
const SAMPLE_POLL_RETRIES = 3;

interface Watch {
	body: InteractionRequestBody;
	/** What is watched: another value means a new baseline. */
	identity: string;
	intervalMs: number;
}

function readWatch(z: ZObject, bundle: Bundle, spec: WatchSpec): Watch {
	const body = buildInteractionRequest(lookupInput({ ...bundle.inputData, type: spec.type }));
	const intervalMs = checkIntervalMs(z, bundle);
	return {
		body,
		intervalMs,
		identity: JSON.stringify([spec.key, body.social_media_url, body.max_results ?? null]),
	};
}

function peopleOf(lookup: CompletedLookup) {
	return toInteractionItems(lookup.result, {
		requestId: lookup.requestId,
		platform: lookup.platform,
		interactionType: lookup.interactionType,
	});
}

/** The core watch on a finished lookup: the events it finds, and the new state in the envelope. */
function collect(
	z: ZObject,
	envelope: WatchEnvelope,
	watch: Watch,
	spec: WatchSpec,
	lookup: CompletedLookup,
	now: number,
): WatchEvent[] {
	const people = peopleOf(lookup);
	const platform = lookup.platform ?? lookup.result.source_platform;
	const complete = people.length < (watch.body.max_results ?? Number.POSITIVE_INFINITY);
	const outcome = observeLookup(
		envelope.watch,
		{ platform, people, complete },
		{ watch: watch.identity, mode: spec.mode, at: now },
	);
	envelope.watch = outcome.state;
	if (outcome.reset)
		z.console.log(
			`Nyne ${spec.key}: the stored state was set aside (${outcome.reset}); lookup ${lookup.requestId} is the new baseline.`,
		);
	if (outcome.warning) z.console.log(`Nyne ${spec.key}: ${outcome.warning.message}`);
	const detectedAt = new Date(now).toISOString();
	return spec.mode === 'lost'
		? lostPersonEvents(outcome.lost, lookup, detectedAt)
		: newPersonEvents(outcome.added, detectedAt, spec);
}

/** The pending lookup's result when it is done; clears `pending` when it is done, failed or gone. */
async function checkPending(
	z: ZObject,
	client: NyneClient,
	envelope: WatchEnvelope,
	spec: WatchSpec,
	now: number,
): Promise<CompletedLookup | undefined> {
	const pending = envelope.pending;
	if (!pending) return undefined;
	const age = now - pending.startedAt;
	let status;
	try {
		status = await client.getRequest(pending.requestId);
	} catch (error) {
		if (!(error instanceof NyneApiError) || error.code !== 'request_not_found') throw error;
		if (age < EARLY_NOT_FOUND_GRACE_MS) return undefined;
		z.console.log(
			`Nyne ${spec.key}: request ${pending.requestId} is no longer known to Nyne; the next lookup starts when the interval allows.`,
		);
		envelope.pending = null;
		return undefined;
	}
	const outcome = toLookupOutcome(status);
	if (outcome?.status === 'completed') {
		envelope.pending = null;
		return outcome;
	}
	if (outcome?.status === 'failed') {
		z.console.log(`Nyne ${spec.key}: lookup ${pending.requestId} failed (${outcome.error}).`);
		envelope.pending = null;
	} else if (age > PENDING_MAX_AGE_MS) {
		z.console.log(
			`Nyne ${spec.key}: lookup ${pending.requestId} has run for over an hour; giving up on it.`,
		);
		envelope.pending = null;
	}
	return undefined;
}

/**
 * Starts the next lookup and records it. A start whose fate is unknown (the lookup may exist and be paid)
 * counts as started, so the next try waits for the interval instead of paying twice. Returns the error, if any.
 */
async function startLookup(
	client: NyneClient,
	envelope: WatchEnvelope,
	watch: Watch,
	now: number,
): Promise<Error | undefined> {
	try {
		const submitted = await client.submit(watch.body);
		envelope.pending = { requestId: submitted.requestId, startedAt: now };
		envelope.lastStartedAt = now;
		return undefined;
	} catch (error) {
		if (error instanceof NyneApiError && error.code === 'submission_unknown')
			envelope.lastStartedAt = now;
		return error instanceof Error ? error : new Error(String(error));
	}
}

/** Hands Zapier the oldest queued changes, at most one poll's worth, newest first. */
function takeFromQueue(envelope: WatchEnvelope): WatchEvent[] {
	const taken = envelope.queue.slice(0, ITEMS_PER_POLL);
	envelope.queue = envelope.queue.slice(taken.length);
	return taken.reverse();
}

/**
 * One poll of a watch. Never waits for a job: it collects the lookup an earlier poll started (the
 * first one is the baseline and triggers nothing), starts the next one when none is pending and the
 * interval has passed, and returns what changed. Two polls of one watch at once: the second returns nothing.
 */
export async function pollWatch(
	z: ZObject,
	bundle: Bundle,
	spec: WatchSpec,
): Promise<WatchEvent[]> {
	const watch = readWatch(z, bundle, spec);
	if (bundle.meta?.isLoadingSample) return await sampleEvents(z, bundle, watch, spec);
	const key = watchCacheKey(bundle, spec.key, watch.identity);
	const release = await tryLock(z, key);
	if (!release) return [];
	try {
		const envelope = await readEnvelope(z, key);
		const client = createNyneClient(z, bundle);
		const now = clock.now();
		const lookup = await checkPending(z, client, envelope, spec, now);
		if (lookup) {
			const events = collect(z, envelope, watch, spec, lookup, now);
			// Oldest first in the queue; `events` is newest first.
			envelope.queue = [...envelope.queue, ...events.reverse()];
			if (envelope.queue.length > MAX_QUEUED) {
				z.console.log(
					`Nyne ${spec.key}: ${envelope.queue.length - MAX_QUEUED} older changes were dropped; Zapier takes ${ITEMS_PER_POLL} per poll.`,
				);
				envelope.queue = envelope.queue.slice(envelope.queue.length - MAX_QUEUED);
			}
		}
		const due = envelope.lastStartedAt === null || now - envelope.lastStartedAt >= watch.intervalMs;
		let failure: Error | undefined;
		if (!envelope.pending && due) {
			// The start is written down before Nyne is asked: if the state cannot be saved after a paid
			// start, the next poll waits for the interval instead of paying again (the next lookup still
			// sees every change, since changes are found against the remembered set).
			await writeEnvelope(z, key, { ...envelope, lastStartedAt: now }, watch.intervalMs);
			failure = await startLookup(client, envelope, watch, now);
		}
		// A refused start must not hold back changes already found; with nothing to hand over, Zapier shows the error.
		if (failure && envelope.queue.length === 0) {
			await writeEnvelope(z, key, envelope, watch.intervalMs);
			throw failure;
		}
		if (failure)
			z.console.log(
				`Nyne ${spec.key}: the next lookup could not start (${failure.message}); a later poll tries again.`,
			);
		const out = takeFromQueue(envelope);
		await writeEnvelope(z, key, envelope, watch.intervalMs);
		return out;
	} finally {
		await release();
	}
}

/** The editor's "Test trigger": a real lookup when it finishes within the step, shaped as this trigger's items; else the static sample. */
async function sampleEvents(
	z: ZObject,
	bundle: Bundle,
	watch: Watch,
	spec: WatchSpec,
): Promise<WatchEvent[]> {
	const client = createNyneClient(z, bundle, SAMPLE_POLL_RETRIES);
	const submitted = await client.submit(watch.body);
	let outcome;
	try {
		outcome = await client.waitForResult(submitted.requestId, { timeoutMs: STEP_BUDGET_MS });
	} catch (error) {
		if (error instanceof NyneApiError && error.code === 'timeout') return [sampleEvent(spec)];
		throw error;
	}
	if (outcome.status !== 'completed') return [sampleEvent(spec)];
	const detectedAt = new Date(clock.now()).toISOString();
	const people = peopleOf(outcome).slice(0, SAMPLE_SIZE);
	const events =
		spec.mode === 'lost'
			? lostPersonEvents(
					people.map((p) => p.username),
					outcome,
					detectedAt,
				)
			: newPersonEvents(people, detectedAt, spec);
	return events.length > 0 ? events : [sampleEvent(spec)];
}
