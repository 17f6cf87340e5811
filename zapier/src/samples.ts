import type { InteractionResult } from '../../shared/index.js';

import { toPersonItems, type PersonItem } from './people.js';

export const SAMPLE_REQUEST_ID = 'interaction_abc123def456_1234567890';

/** A result shaped like the API's; every sample below comes from it through the core. */
export const SAMPLE_RESULT: InteractionResult = {
	interaction_type: 'followers',
	source_platform: 'twitter',
	target: { username: 'nyne_ai', display_name: 'Nyne', profile_url: 'https://twitter.com/nyne_ai' },
	interactions: [
		{
			username: 'jane_sample',
			display_name: 'Jane Sample',
			profile_url: 'https://twitter.com/jane_sample',
			bio: 'Growth marketer. Coffee first.',
			followers_count: 1234,
			following_count: 567,
			verified: false,
		},
	],
	total_count: 1,
};

export const SAMPLE_PERSON: PersonItem = toPersonItems(SAMPLE_RESULT, {
	requestId: SAMPLE_REQUEST_ID,
	platform: 'twitter',
	interactionType: 'followers',
})[0] as PersonItem;
