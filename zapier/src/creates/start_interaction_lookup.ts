import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';

import { buildInteractionRequest, maskCallbackUrl } from '../../../shared/index.js';
import { createNyneClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { callbackUrlField, lookupFields, lookupInput } from '../fields.js';
import { SAMPLE_REQUEST_ID } from '../samples.js';

/** Starts the lookup and returns at once; fetch the people later with "Find Interaction Request". */
const perform = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, async () => {
		const callbackUrl = typeof bundle.inputData.callback_url === 'string' ? bundle.inputData.callback_url : undefined;
		const body = buildInteractionRequest(lookupInput(bundle.inputData, callbackUrl));
		const submitted = await createNyneClient(z, bundle).submit(body);
		return {
			id: submitted.requestId,
			request_id: submitted.requestId,
			status: submitted.status,
			interaction_type: submitted.interactionType ?? body.type,
			platform: submitted.platform ?? null,
			social_media_url: body.social_media_url,
			callback_url: body.callback_url ? maskCallbackUrl(body.callback_url) : null,
			created_on: submitted.createdOn ?? null,
		};
	});

export default defineCreate({
	key: 'start_interaction_lookup',
	noun: 'Interaction Lookup',
	display: {
		label: 'Start Interaction Lookup',
		description:
			'Starts a lookup of who replied to a post, who follows an account, or whom it follows, and returns its Request ID at once without waiting.',
	},
	operation: {
		inputFields: [...lookupFields, callbackUrlField],
		perform,
		sample: {
			id: SAMPLE_REQUEST_ID,
			request_id: SAMPLE_REQUEST_ID,
			status: 'processing',
			interaction_type: 'followers',
			platform: 'twitter',
			social_media_url: 'https://twitter.com/nyne_ai',
			callback_url: null,
			created_on: '2025-01-15T10:30:00Z',
		},
		outputFields: [
			{ key: 'request_id', label: 'Request ID' },
			{ key: 'status', label: 'Status' },
			{ key: 'interaction_type', label: 'Interaction Type' },
			{ key: 'platform', label: 'Platform' },
			{ key: 'social_media_url', label: 'Social Media URL' },
			{ key: 'callback_url', label: 'Callback URL' },
			{ key: 'created_on', label: 'Created On', type: 'datetime' },
		],
	},
});
