import { defineWatchTrigger } from '../watch/defineWatchTrigger.js';

export default defineWatchTrigger(
	{ key: 'lost_follower', type: 'followers', mode: 'lost' },
	{
		noun: 'Follower',
		label: 'Lost Follower',
		description:
			'Triggers when someone stops following a profile: missing from two lookups in a row. ' +
			'A list that suddenly empties or halves is treated as a glitch, not as unfollows. ' +
			'Set Max Results above the follower count.',
		urlHelp: 'The profile to watch, such as `https://x.com/nyne_ai`.',
	},
);
