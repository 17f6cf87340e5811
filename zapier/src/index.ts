import zapier, { defineApp } from 'zapier-platform-core';

import packageJson from '../package.json';
import authentication from './authentication.js';
import runInteractionLookup from './creates/run_interaction_lookup.js';
import startInteractionLookup from './creates/start_interaction_lookup.js';
import { befores } from './middleware.js';
import findInteractionRequest from './searches/find_interaction_request.js';
import interactionResults from './triggers/interaction_results.js';
import lostFollower from './triggers/lost_follower.js';
import newFollower from './triggers/new_follower.js';
import newFollowing from './triggers/new_following.js';
import newReply from './triggers/new_reply.js';
import recentLookup from './triggers/recent_lookup.js';

export default defineApp({
	version: packageJson.version,
	platformVersion: zapier.version,

	// 429s reach the core, so Nyne's Retry-After and wording survive.
	flags: { throwForThrottlingEarly: false },

	authentication,
	beforeRequest: [...befores],

	triggers: {
		[interactionResults.key]: interactionResults,
		[newFollower.key]: newFollower,
		[newFollowing.key]: newFollowing,
		[newReply.key]: newReply,
		[lostFollower.key]: lostFollower,
		[recentLookup.key]: recentLookup,
	},
	creates: {
		[runInteractionLookup.key]: runInteractionLookup,
		[startInteractionLookup.key]: startInteractionLookup,
	},
	searches: { [findInteractionRequest.key]: findInteractionRequest },
});
