import { defineInputField, defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';

import type { LookupView } from '../../../shared/index.js';
import { clock } from '../clock.js';
import { YOUNG_NOT_FOUND_WAIT_MS } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { registerHook, unregisterHook } from '../hooks/hookRegistry.js';
import { isRecentLookup, recentLookups } from '../hooks/recentLookups.js';
import { readKnownLookup, readPostedCallback, unlessFailed } from '../lookupFlow.js';
import { withPersonIds, type PersonItem } from '../people.js';
import { PERSON_OUTPUT_FIELDS, SAMPLE_PERSON } from '../samples.js';

/** The editor shows at most three sample records; fewer keeps the test payload small. */
const SAMPLE_LIMIT = 3;

const howItWorks = defineInputField({
	key: 'how_it_works',
	type: 'copy',
	helpText:
		'This Zap runs when a lookup started with **Start Interaction Lookup** (in any Zap on this ' +
		'connection, with its Callback URL left empty) finishes: once for each person found. ' +
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
		const registration = await registerHook(z, bundle, targetUrl, clock.now());
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
 * Whether a callback is about a lookup of this connection: one the app started (or the one an older
 * version of this trigger started on subscribe), else Nyne is asked, and its own view of the lookup
 * is used instead of the posted body. A post about a lookup Nyne does not know triggers nothing.
 */
async function verifiedView(
	z: ZObject,
	bundle: Bundle,
	posted: LookupView,
): Promise<LookupView | undefined> {
	const requestId = posted.summary.request_id;
	// Subscriptions of the earlier version of this trigger hold the request they started as `id` and `request_id`.
	const subscribed = bundle.subscribeData as { id?: unknown; request_id?: unknown } | undefined;
	if (subscribed?.request_id === requestId || subscribed?.id === requestId) return posted;
	try {
		if (await isRecentLookup(z, bundle, requestId)) return posted;
	} catch (error) {
		// Without the record the callback is checked with Nyne below, rather than lost.
		z.console.log(`Nyne: the record of lookups could not be read (${String(error)}).`);
	}
	// A 404 for a request young enough to be not yet visible is asked again, as the search does.
	const view = await readKnownLookup(z, bundle, requestId, {
		waitWhileYoung: true,
		maxWaitMs: YOUNG_NOT_FOUND_WAIT_MS,
	});
	return view?.summary.status === 'completed' || view?.summary.status === 'failed'
		? view
		: undefined;
}

/** Nyne's callback body: one trigger item per person (a lookup that found nobody triggers nothing). */
const perform = (z: ZObject, bundle: Bundle): Promise<PersonItem[]> =>
	withZapierErrors(z, async () => {
		const view = await verifiedView(z, bundle, readPostedCallback(bundle));
		if (!view) {
			z.console.log('Nyne: a callback about a lookup Nyne does not know was ignored.');
			return [];
		}
		return withPersonIds(unlessFailed(view).people);
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
		outputFields: PERSON_OUTPUT_FIELDS,
	},
});
