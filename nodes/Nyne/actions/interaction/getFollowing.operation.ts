import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

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
	},
	urlPlaceholder: 'https://x.com/nyne_ai',
	urlHint: 'The URL of a profile on Twitter/X or Instagram',
};

export const description = lookupDescription(spec);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runLookups.call(
		this,
		async (itemIndex) => await readLookupItem(this, itemIndex, spec.type),
	);
}
