import { lookupOperation } from './lookup';
import type { LookupSpec } from './lookup';

export const spec: LookupSpec = {
	operation: 'getFollowing',
	option: {
		name: 'Get Following',
		value: 'getFollowing',
		action: 'Get the accounts an account follows',
		description: 'Accounts that an account follows, on Twitter/X or Instagram',
	},
	urlPlaceholder: 'https://x.com/nyne_ai',
	urlHint: 'The URL of a profile on Twitter/X or Instagram',
};

export const { description, prepare, execute } = lookupOperation(spec);
