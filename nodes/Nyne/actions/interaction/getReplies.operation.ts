import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { LOOKUP_COST, POST_URL_HINT } from '../../../common/builderHints';

import { lookupDescription } from './lookupOperation';
import type { LookupSpec } from './lookupOperation';
import { readLookupItem } from './readLookupItem';
import { runLookups } from './runLookups';

export const spec: LookupSpec = {
	operation: 'getReplies',
	type: 'replies',
	option: {
		name: 'Get Replies',
		value: 'getReplies',
		action: 'Get replies',
		description:
			'People who replied to a post on Twitter/X, with their reply text, date, likes and retweets',
		builderHint: {
			propertyHint: `The people who replied to one X/Twitter post (tweet), with each reply's text: what the X node cannot list. Needs a post URL. ${LOOKUP_COST}.`,
		},
	},
	urlPlaceholder: 'https://x.com/nyne_ai/status/1234567890',
	urlHint: 'The URL of a post (tweet) on Twitter/X',
	urlBuilderHint: POST_URL_HINT,
};

export const description = lookupDescription(spec);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runLookups.call(
		this,
		async (itemIndex) => await readLookupItem(this, itemIndex, spec.type),
	);
}
