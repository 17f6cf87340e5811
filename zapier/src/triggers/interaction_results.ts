import { defineInputField, defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';

import type { LookupView } from '../../../shared/index.js';
import { YOUNG_NOT_FOUND_WAIT_MS } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { claimDelivery } from '../hooks/deliveredLookups.js';
import { claimHookReference, readHookReference } from '../hooks/hookReference.js';
import { registerHook, unregisterHook } from '../hooks/hookRegistry.js';
import { isRecentLookup, recentLookups } from '../cache/recentLookups.js';
import { readKnownLookup, readPostedCallback, throwIfFailed } from '../lookupFlow.js';
import { withPersonIds, type PersonItem } from '../people.js';
import { PERSON_OUTPUT_FIELDS, SAMPLE_PERSON } from '../samples.js';

/**
 * A request ID this connection has no record of (a record lost, or a post by someone else) is asked again
 * through a young 404 this long only: 3 reads at most, where a recorded lookup gets YOUNG_NOT_FOUND_WAIT_MS.
 */
const UNRECORDED_YOUNG_WAIT_MS = 3_000;

/** A person, with the Reference of the Start step that began the lookup, when it had one. */
type ReferencedPerson = PersonItem & { reference?: string };

/** The editor shows at most three sample records; fewer keeps the test payload small. */
const SAMPLE_LIMIT = 3;

const howItWorks = defineInputField({
	key: 'how_it_works',
	type: 'copy',
	helpText:
		'This Zap runs when a lookup started with **Start Interaction Lookup** (in any Zap on this ' +
		'connection, with its Callback URL left empty) finishes: once for each person found, with the ' +
		'Reference that step was given (a row ID, say), so each person can be written back to its record. ' +
		'Nyne sends each lookup to one address, so with several of these Zaps on one connection the ' +
		'one turned on most recently receives every lookup; turning it off hands them back to the ' +
		'one turned on before it. **Run Interaction Lookup** and the polling triggers keep their ' +
		'results to themselves.',
});

/** Turning the Zap on registers its hook URL for the connection; Start Interaction Lookup sends it to Nyne. */
const performSubscribe = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const targetUrl = bundle.targetUrl ?? '';
		if (!URL.canParse(targetUrl))
			throw new z.errors.Error(
				'Zapier gave no hook URL to register, so this Zap cannot receive lookups. Turn it off and on again.',
				'missing_hook_url',
				400,
			);
		const registration = await registerHook(z, bundle, targetUrl, Date.now());
		return { id: registration.id, registered_at: registration.registered_at };
	});

/** Turning the Zap off unregisters it; lookups already started still post to its (now closed) hook URL. */
const performUnsubscribe = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const id = String(bundle.subscribeData?.id ?? '');
		if (id) await unregisterHook(z, bundle, id);
		return { id, unregistered: true };
	});

/**
 * Nyne's own view of the lookup a callback names, read by its request ID: the posted body only says which
 * lookup to read, never what it found (anyone holding the hook URL can post). A lookup this connection started
 * (or the one an older version of this trigger started on subscribe) is asked again through a 404 while it is
 * young; any other request ID only briefly, so a post about an unknown ID costs little. Undefined when
 * Nyne does not know the lookup or has not finished it.
 */
async function nyneView(
	z: ZObject,
	bundle: Bundle,
	posted: LookupView,
): Promise<LookupView | undefined> {
	const requestId = posted.summary.request_id;
	const view = await readKnownLookup(z, bundle, requestId, {
		waitWhileYoung: true,
		maxWaitMs: (await startedHere(z, bundle, requestId))
			? YOUNG_NOT_FOUND_WAIT_MS
			: UNRECORDED_YOUNG_WAIT_MS,
	});
	return view?.summary.status === 'completed' || view?.summary.status === 'failed'
		? view
		: undefined;
}

/** Whether this connection started the lookup (a record lost to the cache only makes the check cheaper). */
async function startedHere(z: ZObject, bundle: Bundle, requestId: string): Promise<boolean> {
	// Subscriptions of the earlier version of this trigger hold the request they started as `id` and `request_id`.
	const subscribed = bundle.subscribeData as { id?: unknown; request_id?: unknown } | undefined;
	if (subscribed?.request_id === requestId || subscribed?.id === requestId) return true;
	try {
		return await isRecentLookup(z, bundle, requestId);
	} catch (error) {
		z.console.log(`Nyne: the record of lookups could not be read (${String(error)}).`);
		return false;
	}
}

/** Nyne's answer for the posted lookup: one trigger item per person, once per lookup (a lookup that found nobody triggers nothing). */
const perform = (z: ZObject, bundle: Bundle): Promise<ReferencedPerson[]> =>
	withZapierErrors(z, async () => {
		const signed = readHookReference(bundle);
		if (signed.kind === 'refused') {
			z.console.log(`Nyne: a callback was ignored: ${signed.reason}.`);
			return [];
		}
		const view = await nyneView(z, bundle, readPostedCallback(bundle));
		if (!view) {
			z.console.log(
				'Nyne: a callback about a lookup Nyne does not know (or has not finished) was ignored.',
			);
			return [];
		}
		const requestId = view.summary.request_id;
		if (
			signed.kind === 'signed' &&
			!(await claimHookReference(z, bundle, signed.nonce, requestId))
		) {
			z.console.log('Nyne: a callback URL already used for another lookup was ignored.');
			return [];
		}
		if (!(await claimDelivery(z, bundle, view.summary.request_id, Date.now()))) {
			z.console.log(
				`Nyne: lookup ${view.summary.request_id} was already delivered; the repeated callback was ignored.`,
			);
			return [];
		}
		const people = withPersonIds(throwIfFailed(view).people);
		return signed.kind === 'signed'
			? people.map((person) => ({ reference: signed.reference, ...person }))
			: people;
	});

/**
 * Sample data for the editor, at no cost: the people of the newest lookup this connection started
 * that has finished, else the documented sample.
 */
const performList = (z: ZObject, bundle: Bundle): Promise<PersonItem[]> =>
	withZapierErrors(z, async () => {
		const [latest] = await recentLookups(z, bundle);
		if (!latest) return [SAMPLE_PERSON];
		const view = await readKnownLookup(z, bundle, latest.request_id);
		if (!view) return [SAMPLE_PERSON];
		const people = withPersonIds(view.people);
		if (view.summary.status !== 'completed' || people.length === 0) return [SAMPLE_PERSON];
		return bundle.meta?.isLoadingSample ? people.slice(0, SAMPLE_LIMIT) : people;
	});

export default defineTrigger({
	key: 'interaction_results',
	noun: 'Interaction Lookup',
	display: {
		label: 'Interaction Lookup Completed',
		description:
			'Triggers when a lookup started with Start Interaction Lookup on this connection ' +
			'finishes, once for each person found.',
	},
	operation: {
		type: 'hook',
		inputFields: [howItWorks],
		performSubscribe,
		performUnsubscribe,
		perform,
		performList,
		sample: SAMPLE_PERSON,
		outputFields: [{ key: 'reference', label: 'Reference' }, ...PERSON_OUTPUT_FIELDS],
	},
});
