import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';

import { YOUNG_NOT_FOUND_WAIT_MS } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { requestIdField } from '../fields.js';
import { inputText } from '../inputText.js';
import { readKnownLookup } from '../lookupFlow.js';
import { toLookupOutput, type LookupOutput } from '../lookupOutput.js';
import { LOOKUP_OUTPUT_FIELDS, SAMPLE_LOOKUP_OUTPUT } from '../samples.js';

/** The lookup's status, and its people once completed; an unknown or expired ID is "not found". */
const perform = (z: ZObject, bundle: Bundle): Promise<LookupOutput[]> =>
	withZapierErrors(z, async () => {
		const view = await readKnownLookup(z, bundle, inputText(bundle.inputData.request_id), {
			waitWhileYoung: true,
			maxWaitMs: YOUNG_NOT_FOUND_WAIT_MS,
		});
		return view ? [toLookupOutput(view)] : [];
	});

export default defineSearch({
	key: 'find_interaction_request',
	noun: 'Interaction Request',
	display: {
		label: 'Find Interaction Request',
		description:
			'Finds a lookup by its Request ID: its status, and the people once it has completed.',
	},
	operation: {
		inputFields: [requestIdField],
		perform,
		sample: SAMPLE_LOOKUP_OUTPUT,
		outputFields: LOOKUP_OUTPUT_FIELDS,
	},
});
