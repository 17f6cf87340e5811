import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { LOOKUP_COST, PROFILE_URL_HINT } from '../../../common/builderHints';

import { lookupDescription } from './lookupOperation';
import type { LookupSpec } from './lookupOperation';
import { readLookupItem } from './readLookupItem';
import { runLookups } from './runLookups';

export const spec: LookupSpec = {
	operation: 'getFollowing',
	type: 'following',
	option: {
		name: 'Get Following',
		value: 'getFollowing',
		action: 'Get following',
		description: 'Accounts that an account follows, on Twitter/X or Instagram',
		builderHint: {
			propertyHint: `The accounts an X/Twitter or Instagram profile follows. Needs a profile URL. ${LOOKUP_COST}.`,
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
