import { defineWatchTrigger } from '../watch/defineWatchTrigger.js';
import { CREDITS_PER_LOOKUP } from '../../../shared/index.js';

export default defineWatchTrigger(
	{ key: 'new_reply', type: 'replies', mode: 'new' },
	{
		noun: 'Reply',
		label: 'New Reply',
		description:
			'Triggers when someone replies to a post. Nyne looks the replies up on your schedule ' +
			`(${CREDITS_PER_LOOKUP} credits per lookup); the first lookup only records the replies already there.`,
		urlHelp: 'The post to watch, such as `https://x.com/nyne_ai/status/1234567890`.',
	},
);
