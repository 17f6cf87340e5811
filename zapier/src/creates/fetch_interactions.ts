import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';

import { buildInteractionRequest } from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { lookupFields, lookupInput } from '../fields.js';
import { readOwnCallback, startAndCollect, startRecorded, unlessFailed } from '../lookupFlow.js';
import { toLookupOutput, type LookupOutput } from '../lookupOutput.js';
import { LOOKUP_OUTPUT_FIELDS, SAMPLE_LOOKUP_OUTPUT } from '../samples.js';

/**
 * In a Zap run the step pauses on Zapier's callback URL until Nyne POSTs the result (then
 * `performResume`). The editor's test step does not wait for callbacks, so there it polls
 * within the step's time and returns what it has.
 */
const perform = (z: ZObject, bundle: Bundle): Promise<LookupOutput> =>
	withZapierErrors(z, async () => {
		if (bundle.meta?.isLoadingSample)
			return toLookupOutput(unlessFailed(await startAndCollect(z, bundle)));
		const body = buildInteractionRequest(lookupInput(bundle.inputData, z.generateCallbackUrl()));
		return toLookupOutput(await startRecorded(z, bundle, createNyneClient(z, bundle), body));
	});

/** Nyne's callback body (`bundle.cleanedRequest`) for the request `perform` started (`bundle.outputData`): the people, as line items. */
const performResume = (z: ZObject, bundle: Bundle): Promise<LookupOutput> =>
	withZapierErrors(z, () =>
		toLookupOutput(
			unlessFailed(
				readOwnCallback(
					bundle,
					(bundle.outputData as { request_id?: unknown } | undefined)?.request_id,
				),
			),
		),
	);

export default defineCreate({
	key: 'fetch_interactions',
	noun: 'Social Interactions',
	display: {
		label: 'Run Interaction Lookup',
		description:
			'Runs a lookup of who replied to a post, who follows an account, or whom it follows ' +
			'(Twitter/X, Instagram), and waits for the people it finds. Costs 3 Nyne credits when ' +
			'people are found.',
	},
	operation: {
		inputFields: lookupFields,
		perform,
		performResume,
		sample: SAMPLE_LOOKUP_OUTPUT,
		outputFields: LOOKUP_OUTPUT_FIELDS,
	},
});
