import { defineWatchTrigger } from '../watch/defineWatchTrigger.js';
import { CREDITS_PER_LOOKUP } from '../../../shared/index.js';

export default defineWatchTrigger(
	{ key: 'new_follower', type: 'followers', mode: 'new' },
	{
		noun: 'Follower',
		label: 'New Follower',
		description:
			'Triggers when someone starts following a profile. Nyne looks the followers up on ' +
			`your schedule (${CREDITS_PER_LOOKUP} credits per lookup); the first lookup only records who is there.`,
		urlHelp: 'The profile to watch, such as `https://x.com/nyne_ai`.',
	},
);
