import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';

import { buildInteractionRequest, NyneValidationError } from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { lookupFields, lookupInput } from '../fields.js';
import { completedFromCallback, failedLookupError, submitAndPoll } from '../lookupFlow.js';
import { personOutputFields, toPersonItems, type PersonItem } from '../people.js';
import { SAMPLE_PERSON } from '../samples.js';

/** The editor shows at most three sample records; fewer keeps the test payload small. */
const SAMPLE_LIMIT = 3;

/** Turning the Zap on starts the lookup; Nyne POSTs the result to Zapier's hook URL once, when it is done. */
const performSubscribe = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const body = buildInteractionRequest(lookupInput(bundle.inputData, bundle.targetUrl));
		const submitted = await createNyneClient(z, bundle).submit(body);
		return { id: submitted.requestId, request_id: submitted.requestId, status: submitted.status };
	});

/** Nyne has no endpoint to cancel a lookup or a callback: nothing to undo, the callback simply finds no Zap. */
const performUnsubscribe = (_z: ZObject, bundle: Bundle) => ({ request_id: bundle.subscribeData?.id ?? null, cancelled: false });

/** The callback body for the lookup this subscription started (`subscribeData`): one trigger item per person. */
const perform = (z: ZObject, bundle: Bundle): Promise<PersonItem[]> =>
	withZapierErrors(z, async () => {
		const subscribed = (bundle.subscribeData as { request_id?: unknown } | undefined)?.request_id;
		try {
			const lookup = completedFromCallback(bundle.cleanedRequest, bundle, typeof subscribed === 'string' ? subscribed : '');
			return toPersonItems(lookup.result, lookup);
		} catch (error) {
			// A post about any other request (forged, or meant for another Zap) triggers nothing.
			if (error instanceof NyneValidationError && error.code === 'callback_request_mismatch') return [];
			throw error;
		}
	});

/** Sample data for the editor: a real lookup if it finishes within the step, else the documented sample. */
const performList = (z: ZObject, bundle: Bundle): Promise<PersonItem[]> =>
	withZapierErrors(z, async () => {
		const status = await submitAndPoll(z, bundle);
		if (status.status === 'failed') throw failedLookupError(status);
		if (status.status !== 'completed' || !status.result) return [SAMPLE_PERSON];
		const people = toPersonItems(status.result, status);
		return bundle.meta?.isLoadingSample ? people.slice(0, SAMPLE_LIMIT) : people;
	});

export default defineTrigger({
	key: 'interaction_results',
	noun: 'Interaction Lookup',
	display: {
		label: 'Interaction Lookup Completed',
		description:
			'Triggers once for each person found when a lookup finishes: who replied to a post, who follows an account, or whom it follows. The lookup starts when the Zap is turned on.',
	},
	operation: {
		type: 'hook',
		inputFields: lookupFields,
		performSubscribe,
		performUnsubscribe,
		perform,
		performList,
		sample: SAMPLE_PERSON,
		outputFields: personOutputFields(),
	},
});
