import { HOUR_MS } from '../constants.js';
import type { NyneClient } from '../client.js';
import { NyneApiError } from '../errors.js';
import { readLookup, startLookup } from '../lookups.js';
import type { LookupView } from '../lookupView.js';
import type { Now } from '../ports.js';
import { settle } from '../settle.js';
import { parseSocialMediaUrl } from '../socialUrl.js';
import type { InteractionRequestBody } from '../types.js';
import { isCompleteList } from './completeness.js';
import { observeLookup, type WatchMode, type WatchWarning } from './followerWatch.js';
import { addedChange, lostChange, type WatchChange } from './changes.js';
import { MAX_QUEUED, readWatchRecord, type WatchRecord } from './watchRecord.js';

/** A lookup still running after this long is given up; the next one starts when the interval allows. */
export const PENDING_MAX_AGE_MS = HOUR_MS;

export type { WatchChange };

/** Where a product keeps the watch's record (n8n static data, Zapier z.cache). */
export interface WatchStore {
	read(): unknown | Promise<unknown>;
	write(record: WatchRecord): void | Promise<void>;
}

/** What one trigger watches, from its fields. */
export interface WatchTarget {
	/** The trigger's own name for what it reports (its event or key); part of the watch key. */
	trigger: string;
	body: InteractionRequestBody;
	mode: WatchMode;
	/** The least time between two lookups. */
	intervalMs: number;
	/** At most this many changes per poll; the rest wait in the record for the next polls. */
	handOver?: number;
}

export interface PollDeps {
	client: NyneClient;
	store: WatchStore;
	now: Now;
	/** Hash of the 0.1.0 n8n trigger's remembered entries, to carry its state over (n8n only). */
	legacyHash?: (text: string) => string;
	/** When this poll must be over (ms since the epoch): every wait of its calls ends by then (see WATCH_POLL_ALLOWANCE_MS). */
	deadline?: number;
}

/** A line for the product's log: why something was set aside, given up or not reported. */
export interface WatchNote {
	code:
		| WatchWarning['code']
		| 'reset'
		| 'migrated'
		| 'gone'
		| 'failed'
		| 'too_old'
		| 'dropped'
		| 'start_failed';
	message: string;
}

export interface PollOutcome {
	/** Newest first. */
	changes: WatchChange[];
	notes: WatchNote[];
	/** What this poll asked Nyne: the pending lookup's status (free), a new lookup (paid), both or nothing. */
	checked: boolean;
	started: boolean;
}

/** What is watched: another value sets the stored record aside (a new baseline). Same shape since 0.1.0. */
export function watchKeyOf(target: Pick<WatchTarget, 'trigger' | 'body'>): string {
	return JSON.stringify([
		target.trigger,
		target.body.social_media_url,
		target.body.max_results ?? null,
	]);
}

type Pending = NonNullable<WatchRecord['pending']>;

/** The pending lookup's result when it has completed; clears it when done, failed, gone or too old. */
async function checkPending(
	deps: PollDeps,
	record: WatchRecord,
	pending: Pending,
	notes: WatchNote[],
): Promise<LookupView | undefined> {
	const now = deps.now();
	const read = await settle(() =>
		readLookup(deps.client, pending.requestId, {
			submittedAt: pending.submittedAt,
			deadline: deps.deadline,
		}),
	);
	if (!read.ok) {
		// readLookup already read early 404s as pending; the one 404 rule forgives a few stray ones too.
		const meaning = deps.client.notFoundMeaning(pending.requestId, read.error, {
			submittedAt: pending.submittedAt,
			strays: pending.notFound,
		});
		if (meaning === undefined) throw read.error;
		if (meaning !== 'gone') {
			record.pending = { ...pending, notFound: pending.notFound + 1 };
			return undefined;
		}
		record.pending = null;
		notes.push({
			code: 'gone',
			message: `Request ${pending.requestId} is no longer known to Nyne; the next lookup starts when the interval allows.`,
		});
		return undefined;
	}
	const view: LookupView = read.value;
	if (view.failure) {
		record.pending = null;
		notes.push({ code: 'failed', message: view.failure.message });
		return undefined;
	}
	if (view.summary.status === 'completed') {
		record.pending = null;
		return view;
	}
	if (now - pending.submittedAt > PENDING_MAX_AGE_MS) {
		record.pending = null;
		notes.push({
			code: 'too_old',
			message: `Lookup ${pending.requestId} has run for over an hour; giving up on it.`,
		});
	}
	return undefined;
}

/** The completed lookup compared with what the record remembers; the changes join the queue. */
function compare(
	deps: PollDeps,
	target: WatchTarget,
	record: WatchRecord,
	view: LookupView,
	notes: WatchNote[],
): void {
	const at = deps.now();
	// Keyed by what the user watches, never by a field of the answer: one answer naming another platform (or none)
	// would re-key everyone remembered and report them all as new.
	const { platform } = parseSocialMediaUrl(target.body.social_media_url);
	const outcome = observeLookup(
		record.observed,
		{ platform, people: view.people, complete: isCompleteList(view, target.body) },
		{
			watch: record.watch,
			mode: target.mode,
			at,
			newestFirst: target.body.type !== 'replies',
			legacyHash: deps.legacyHash,
		},
	);
	record.observed = outcome.state;
	if (outcome.reset)
		notes.push({
			code: 'reset',
			message: `The stored state was set aside (${outcome.reset}); lookup ${view.summary.request_id} is the new baseline.`,
		});
	if (outcome.warning) notes.push({ code: outcome.warning.code, message: outcome.warning.message });
	const found: WatchChange[] =
		target.mode === 'lost'
			? outcome.lost.map((username) => lostChange(username, view, target.body, at))
			: outcome.added.map((person) => addedChange(person, at));
	// The queue is oldest first; a lookup lists the newest first.
	record.queue = [...record.queue, ...(found.reverse() as WatchRecord['queue'])];
	if (record.queue.length > MAX_QUEUED) {
		notes.push({
			code: 'dropped',
			message: `${record.queue.length - MAX_QUEUED} older changes were dropped before they could be handed over.`,
		});
		record.queue = record.queue.slice(record.queue.length - MAX_QUEUED);
	}
}

/** A start whose fate is unknown (the lookup may exist and be paid for) counts as started. */
async function start(
	deps: PollDeps,
	target: WatchTarget,
	record: WatchRecord,
	now: number,
): Promise<Error | undefined> {
	const before = record.lastStartedAt;
	// Written before Nyne is asked: a record that cannot be saved after a paid start makes the next poll
	// wait for the interval instead of paying again (the next lookup still sees every change).
	record.lastStartedAt = now;
	await deps.store.write(JSON.parse(JSON.stringify(record)) as WatchRecord);
	try {
		const started = await startLookup(
			deps.client,
			target.body,
			deps.deadline === undefined ? {} : { timeoutMs: Math.max(1, deps.deadline - deps.now()) },
		);
		record.pending = { requestId: started.summary.request_id, submittedAt: now, notFound: 0 };
		return undefined;
	} catch (error) {
		if (!(error instanceof NyneApiError && error.code === 'submission_unknown'))
			record.lastStartedAt = before;
		return error instanceof Error ? error : new Error(String(error));
	}
}

/**
 * One poll of a watch; never waits for a job. It collects the lookup an earlier poll started (a free
 * status read), compares it with what the watch remembers, starts the next lookup when none is pending
 * and the interval has passed, and hands over what changed. A refused start is thrown only when there
 * is nothing to hand over; otherwise it is a note and a later poll tries again.
 */
export async function pollWatch(deps: PollDeps, target: WatchTarget): Promise<PollOutcome> {
	const notes: WatchNote[] = [];
	const reading = readWatchRecord(await deps.store.read(), watchKeyOf(target));
	const record = reading.record;
	if (reading.problem)
		notes.push({ code: 'reset', message: `The stored state was set aside (${reading.problem}).` });
	if (reading.migrated)
		notes.push({
			code: 'migrated',
			message: `The state stored by version ${reading.migrated} was carried over, with its pending lookup.`,
		});
	const now = deps.now();
	// A clock that went back must not hold the next lookup back for longer than one interval, nor make
	// the pending lookup look older than it can be (its 404s would not count as early).
	if (record.lastStartedAt !== null && record.lastStartedAt > now) record.lastStartedAt = now;
	if (record.pending && record.pending.submittedAt > now)
		record.pending = { ...record.pending, submittedAt: now };

	const pending = record.pending;
	const view = pending ? await checkPending(deps, record, pending, notes) : undefined;
	if (view) compare(deps, target, record, view, notes);

	const due = record.lastStartedAt === null || now - record.lastStartedAt >= target.intervalMs;
	const failure = !record.pending && due ? await start(deps, target, record, now) : undefined;
	const started = record.pending !== null && record.pending.requestId !== pending?.requestId;

	if (failure && record.queue.length === 0) {
		await deps.store.write(record);
		throw failure;
	}
	if (failure)
		notes.push({
			code: 'start_failed',
			message: `The next lookup could not start (${failure.message}); a later poll tries again.`,
		});
	const take = Math.min(record.queue.length, target.handOver ?? record.queue.length);
	const handed = record.queue.slice(0, take).reverse() as WatchChange[];
	record.queue = record.queue.slice(take);
	await deps.store.write(record);
	return { changes: handed, notes, checked: pending !== null, started };
}
