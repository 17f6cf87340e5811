import type { InteractionType, WatchMode } from '../../../shared/index.js';

/** What one polling trigger watches: the lookup it runs and which changes it reports. */
export interface WatchSpec {
	key: 'new_follower' | 'new_following' | 'new_reply' | 'lost_follower';
	type: InteractionType;
	mode: WatchMode;
}

/** Zapier takes at most this many new items from one poll; more wait in the watch's record for the next polls. */
export const ITEMS_PER_POLL = 100;
