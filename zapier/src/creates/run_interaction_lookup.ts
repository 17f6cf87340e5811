import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';

import { buildInteractionRequest, withCallbackUrl } from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { lookupFields, lookupInput } from '../fields.js';
import { readOwnCallback, startAndCollect, startRecorded, throwIfFailed } from '../lookupFlow.js';
import { toLookupOutput, type LookupOutput } from '../lookupOutput.js';
import { rememberForReuse, reusedLookup, reuseRecentField } from '../reuse.js';
import { LOOKUP_OUTPUT_FIELDS, SAMPLE_LOOKUP_OUTPUT } from '../samples.js';

/**
 * In a Zap run the step pauses on Zapier's callback URL until Nyne POSTs the result (then
 * `performResume`). The editor's test step does not wait for callbacks, so there it polls
 * within the step's time and returns what it has.
 */
const perform = (z: ZObject, bundle: Bundle): Promise<LookupOutput> =>
	withZapierErrors(z, async () => {
		const request = buildInteractionRequest(lookupInput(bundle.inputData));
		const client = createNyneClient(z, bundle);
		// A reused result is returned at once: no callback URL is asked for, so Zapier does not wait for one.
		const reused = await reusedLookup(z, bundle, client, request);
		if (reused) return toLookupOutput(reused);
		if (bundle.meta?.isLoadingSample) {
			const view = throwIfFailed(await startAndCollect(z, bundle, request));
			await rememberForReuse(z, bundle, view, () => request);
			return toLookupOutput(view);
		}
		const hooked = withCallbackUrl(request, z.generateCallbackUrl());
		const started = await startRecorded(z, bundle, client, hooked);
		await rememberForReuse(z, bundle, started, () => request);
		return toLookupOutput(started);
	});

/** Nyne's callback body (`bundle.cleanedRequest`) for the request `perform` started (`bundle.outputData`): the people, as line items. */
const performResume = (z: ZObject, bundle: Bundle): Promise<LookupOutput> =>
	withZapierErrors(z, async () => {
		const view = throwIfFailed(
			readOwnCallback(
				bundle,
				(bundle.outputData as { request_id?: unknown } | undefined)?.request_id,
			),
		);
		// A resumed run is a new invocation: its request is built again from the input `perform` checked.
		await rememberForReuse(z, bundle, view, () =>
			buildInteractionRequest(lookupInput(bundle.inputData)),
		);
		return toLookupOutput(view);
	});

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
		inputFields: [...lookupFields, reuseRecentField],
		perform,
		performResume,
		sample: SAMPLE_LOOKUP_OUTPUT,
		outputFields: LOOKUP_OUTPUT_FIELDS,
	},
});
