import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { LOOKUP_COST, PROFILE_URL_HINT } from '../../../common/builderHints';

import { lookupDescription } from './lookupOperation';
import type { LookupSpec } from './lookupOperation';
import { readLookupItem } from './readLookupItem';
import { runLookups } from './runLookups';

export const spec: LookupSpec = {
	operation: 'getFollowers',
	type: 'followers',
	option: {
		name: 'Get Followers',
		value: 'getFollowers',
		action: 'Get followers',
		description:
			'People who follow a Twitter/X or Instagram account, with their bio and follower counts',
		builderHint: {
			propertyHint: `Who follows an X/Twitter or Instagram profile (its audience, as leads). Needs a profile URL. ${LOOKUP_COST}; for new followers or unfollowers over time use the Nyne Follower Trigger.`,
		},
	},
	urlPlaceholder: 'https://x.com/nyne_ai',
	urlHint: 'The URL of a profile on Twitter/X or Instagram',
	urlBuilderHint: PROFILE_URL_HINT,
};

export const description = lookupDescription(spec);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runLookups.call(
		this,
		async (itemIndex) => await readLookupItem(this, itemIndex, spec.type),
	);
}
