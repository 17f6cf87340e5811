import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';

import {
	buildInteractionRequest,
	checkReference,
	NyneValidationError,
	withCallbackUrl,
} from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { callbackUrlField, lookupFields, lookupInput, referenceField } from '../fields.js';
import { signHookUrl } from '../hooks/hookReference.js';
import { currentHookUrl } from '../hooks/hookRegistry.js';
import { startRecorded } from '../lookupFlow.js';
import { toStartedOutput, type StartedOutput } from '../lookupOutput.js';
import { rememberForReuse, reusedLookup, reuseRecentField } from '../reuse.js';
import { SAMPLE_STARTED_OUTPUT, STARTED_OUTPUT_FIELDS } from '../samples.js';

const explicitCallbackUrl = (bundle: Bundle): string | undefined => {
	const value: unknown = bundle.inputData.callback_url;
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

const referenceNeedsHook = () =>
	new NyneValidationError(
		'invalid_reference',
		'A Reference comes back through the "Interaction Lookup Completed" Zap: leave the Callback URL empty to use it.',
		'reference',
	);

/**
 * Starts the lookup and returns at once. Nyne posts the result to the Callback URL when one is given,
 * else to the "Interaction Lookup Completed" Zap that is on for this connection, if any; either way the
 * people can be fetched later with "Find Interaction Request".
 */
const perform = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const explicit = explicitCallbackUrl(bundle);
		// The input is checked before the registry is read, so a wrong field costs nothing at all.
		const request = buildInteractionRequest(lookupInput(bundle.inputData, explicit));
		const reference = checkReference(bundle.inputData.reference);
		if (reference !== undefined && explicit !== undefined) throw referenceNeedsHook();
		const withReference = (output: StartedOutput) =>
			reference === undefined ? output : { reference, ...output };
		const client = createNyneClient(z, bundle);
		const reused = await reusedLookup(z, bundle, client, request);
		if (reused) return withReference(toStartedOutput(reused, request.social_media_url));
		const hookUrl = explicit === undefined ? await currentHookUrl(z, bundle) : undefined;
		const body =
			hookUrl === undefined
				? request
				: withCallbackUrl(
						request,
						reference === undefined ? hookUrl : signHookUrl(bundle, hookUrl, reference),
					);
		const started = await startRecorded(z, bundle, client, body);
		await rememberForReuse(z, bundle, started, () => body);
		return withReference(toStartedOutput(started, body.social_media_url, hookUrl !== undefined));
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
		inputFields: [...lookupFields, referenceField, callbackUrlField, reuseRecentField],
		perform,
		sample: SAMPLE_STARTED_OUTPUT,
		outputFields: [{ key: 'reference', label: 'Reference' }, ...STARTED_OUTPUT_FIELDS],
	},
});
