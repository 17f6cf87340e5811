import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';

import {
	buildInteractionRequest,
	NyneValidationError,
	startLookup,
} from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { lookupFields, lookupInput } from '../fields.js';
import { readOwnCallback, startAndCollect, unlessFailed } from '../lookupFlow.js';
import { withPersonIds, type PersonItem } from '../people.js';
import { PERSON_OUTPUT_FIELDS, SAMPLE_PERSON } from '../samples.js';

/** The editor shows at most three sample records; fewer keeps the test payload small. */
const SAMPLE_LIMIT = 3;

/** Turning the Zap on starts the lookup; Nyne POSTs the result to Zapier's hook URL once, when it is done. */
const performSubscribe = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const body = buildInteractionRequest(lookupInput(bundle.inputData, bundle.targetUrl));
		const { summary } = await startLookup(createNyneClient(z, bundle), body);
		return { id: summary.request_id, request_id: summary.request_id, status: summary.status };
	});

/** Nyne has no endpoint to cancel a lookup or a callback: nothing to undo, the callback simply finds no Zap. */
const performUnsubscribe = (_z: ZObject, bundle: Bundle) => ({
	request_id: bundle.subscribeData?.id ?? null,
	cancelled: false,
});

/**
 * The callback body for the lookup this subscription started (`subscribeData`): one trigger item per person
 * (a lookup that found nobody triggers nothing; a post about any other request, forged or meant for another
 * Zap, triggers nothing either).
 */
const perform = (z: ZObject, bundle: Bundle): Promise<PersonItem[]> =>
	withZapierErrors(z, () => {
		try {
			return withPersonIds(unlessFailed(readOwnCallback(bundle, bundle.subscribeData?.id)).people);
		} catch (error) {
			if (error instanceof NyneValidationError && error.code === 'callback_request_mismatch')
				return [];
			throw error;
		}
	});

/** Sample data for the editor: a real lookup if it finishes within the step, else the documented sample. */
const performList = (z: ZObject, bundle: Bundle): Promise<PersonItem[]> =>
	withZapierErrors(z, async () => {
		const view = unlessFailed(await startAndCollect(z, bundle));
		if (view.summary.status !== 'completed') return [SAMPLE_PERSON];
		const people = withPersonIds(view.people);
		return bundle.meta?.isLoadingSample ? people.slice(0, SAMPLE_LIMIT) : people;
	});

export default defineTrigger({
	key: 'interaction_results',
	noun: 'Interaction Lookup',
	display: {
		label: 'Interaction Lookup Completed',
		description:
			'Triggers once for each person found when a lookup finishes: who replied to a post, ' +
			'who follows an account, or whom it follows. The lookup starts when the Zap is ' +
			'turned on.',
	},
	operation: {
		type: 'hook',
		inputFields: lookupFields,
		performSubscribe,
		performUnsubscribe,
		perform,
		performList,
		sample: SAMPLE_PERSON,
		outputFields: PERSON_OUTPUT_FIELDS,
	},
});
