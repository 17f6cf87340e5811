import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { LOOKUP_COST, PROFILE_URL_HINT } from '../../../common/builderHints';

import { lookupDescription } from './lookupOperation';
import type { LookupSpec } from './lookupOperation';
import { readLookupItem } from './readLookupItem';
import { runLookups } from './runLookups';

export const spec: LookupSpec = {
	operation: 'getFollowersAndFollowing',
	type: 'followers,following',
	option: {
		name: 'Get Followers and Following',
		value: 'getFollowersAndFollowing',
		action: 'Get followers and following',
		description:
			'Followers and following of a Twitter/X or Instagram account in one lookup; each person carries relation "follower" or "following"',
		builderHint: {
			propertyHint: `Followers and following of one profile in a single lookup (${LOOKUP_COST}, not two): each person carries relation 'follower' or 'following'.`,
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
