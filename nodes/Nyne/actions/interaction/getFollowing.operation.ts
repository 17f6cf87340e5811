import { lookupOperation } from './lookupOperation';
import type { LookupSpec } from './lookupOperation';

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

export const { description, prepare, settle, start, collect } = lookupOperation(spec);
