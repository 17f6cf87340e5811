import { defineWatchTrigger } from '../watch/defineWatchTrigger.js';
import { CREDITS_PER_LOOKUP } from '../../../shared/index.js';

export default defineWatchTrigger(
	{ key: 'new_following', type: 'following', mode: 'new' },
	{
		noun: 'Followed Account',
		label: 'New Following',
		description:
			'Triggers when a profile starts following someone. Nyne looks the list up on your ' +
			`schedule (${CREDITS_PER_LOOKUP} credits per lookup); the first lookup only records who is there.`,
		urlHelp:
			'The profile to watch, such as `https://x.com/nyne_ai` or `https://instagram.com/instagram`.',
	},
);
