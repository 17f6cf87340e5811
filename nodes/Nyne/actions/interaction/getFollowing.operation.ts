import { LOOKUP_COST, PROFILE_URL_HINT } from '../../../common/builderHints';
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
		builderHint: {
			propertyHint: `The accounts an X/Twitter or Instagram profile follows. Needs a profile URL. ${LOOKUP_COST}.`,
		},
	},
	urlPlaceholder: 'https://x.com/nyne_ai',
	urlHint: 'The URL of a profile on Twitter/X or Instagram',
	urlBuilderHint: PROFILE_URL_HINT,
};

export const { description, prepare, settle, start, collect } = lookupOperation(spec);
