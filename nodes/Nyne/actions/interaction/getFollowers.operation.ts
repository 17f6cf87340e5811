import { lookupOperation } from './lookupOperation';
import type { LookupSpec } from './lookupOperation';

export const spec: LookupSpec = {
	operation: 'getFollowers',
	type: 'followers',
	option: {
		name: 'Get Followers',
		value: 'getFollowers',
		action: 'Get followers',
		description:
			'People who follow a Twitter/X or Instagram account, with their bio and follower counts',
	},
	urlPlaceholder: 'https://x.com/nyne_ai',
	urlHint: 'The URL of a profile on Twitter/X or Instagram',
};

export const { description, prepare, settle, start, collect } = lookupOperation(spec);
