import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';

import { buildInteractionRequest } from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { lookupFields, lookupInput } from '../fields.js';
import { completedFromCallback, failedLookupError, submitAndPoll } from '../lookupFlow.js';
import { LOOKUP_OUTPUT_FIELDS, SAMPLE_LOOKUP_OUTPUT, toLookupOutput, type LookupOutput } from '../lookupOutput.js';

/**
 * In a Zap run the step pauses on Zapier's callback URL until Nyne POSTs the result (then
 * `performResume`). The editor's test step does not wait for callbacks, so there it polls
 * within the step's time and returns what it has.
 */
const perform = (z: ZObject, bundle: Bundle): Promise<LookupOutput> =>
	withZapierErrors(z, async () => {
		if (bundle.meta?.isLoadingSample) {
			const status = await submitAndPoll(z, bundle);
			if (status.status === 'failed') throw failedLookupError(status);
			return toLookupOutput(status);
		}
		const body = buildInteractionRequest(lookupInput(bundle.inputData, z.generateCallbackUrl()));
		const submitted = await createNyneClient(z, bundle).submit(body);
		return toLookupOutput(submitted);
	});

/** Nyne's callback body (`bundle.cleanedRequest`) for the request `perform` started (`bundle.outputData`): the people, as line items. */
const performResume = (z: ZObject, bundle: Bundle): Promise<LookupOutput> =>
	withZapierErrors(z, async () => {
		const started = (bundle.outputData as { request_id?: unknown } | undefined)?.request_id;
		const lookup = completedFromCallback(bundle.cleanedRequest, bundle, typeof started === 'string' ? started : '');
		return toLookupOutput(lookup);
	});

export default defineCreate({
	key: 'fetch_interactions',
	noun: 'Social Interactions',
	display: {
		label: 'Find Social Interactions',
		description:
			'Fetches who replied to a post, who follows an account, or whom it follows (Twitter/X, Instagram), and waits for the result. Costs 3 Nyne credits when people are found.',
	},
	operation: {
		inputFields: lookupFields,
		perform,
		performResume,
		sample: SAMPLE_LOOKUP_OUTPUT,
		outputFields: LOOKUP_OUTPUT_FIELDS,
	},
});
