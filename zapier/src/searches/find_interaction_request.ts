import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';

import { isNyneError, readLookup } from '../../../shared/index.js';
import { createNyneClient, YOUNG_NOT_FOUND_WAIT_MS } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { requestIdField } from '../fields.js';
import { inputText } from '../inputText.js';
import { toLookupOutput, type LookupOutput } from '../lookupOutput.js';
import { LOOKUP_OUTPUT_FIELDS, SAMPLE_LOOKUP_OUTPUT } from '../samples.js';

/** The lookup's status, and its people once completed; an unknown or expired ID is "not found". */
const perform = (z: ZObject, bundle: Bundle): Promise<LookupOutput[]> =>
	withZapierErrors(z, async () => {
		try {
			const client = createNyneClient(z, bundle);
			const requestId = inputText(bundle.inputData.request_id);
			return [
				toLookupOutput(
					await readLookup(client, requestId, {
						waitWhileYoung: true,
						maxWaitMs: YOUNG_NOT_FOUND_WAIT_MS,
					}),
				),
			];
		} catch (error) {
			if (isNyneError(error) && error.code === 'request_not_found') return [];
			throw error;
		}
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
