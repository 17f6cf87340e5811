import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';

import { buildInteractionRequest, startLookup } from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { callbackUrlField, lookupFields, lookupInput } from '../fields.js';
import { toStartedOutput } from '../lookupOutput.js';
import { SAMPLE_STARTED_OUTPUT, STARTED_OUTPUT_FIELDS } from '../samples.js';

/** Starts the lookup and returns at once; fetch the people later with "Find Interaction Request". */
const perform = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const callbackUrl =
			typeof bundle.inputData.callback_url === 'string' ? bundle.inputData.callback_url : undefined;
		const body = buildInteractionRequest(lookupInput(bundle.inputData, callbackUrl));
		return toStartedOutput(
			await startLookup(createNyneClient(z, bundle), body),
			body.social_media_url,
		);
	});

export default defineCreate({
	key: 'start_interaction_lookup',
	noun: 'Interaction Lookup',
	display: {
		label: 'Start Interaction Lookup',
		description:
			'Starts a lookup of who replied to a post, who follows an account, or whom it ' +
			'follows, and returns its Request ID at once without waiting.',
	},
	operation: {
		inputFields: [...lookupFields, callbackUrlField],
		perform,
		sample: SAMPLE_STARTED_OUTPUT,
		outputFields: STARTED_OUTPUT_FIELDS,
	},
});
