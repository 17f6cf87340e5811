import type { InteractionType, WatchMode } from '../../../shared/index.js';

/** What one polling trigger watches: the lookup it runs and which changes it reports. */
export interface WatchSpec {
	key: 'new_follower' | 'new_following' | 'new_reply' | 'lost_follower';
	type: InteractionType;
	mode: WatchMode;
}

/** Zapier takes at most this many new items from one poll; more wait in the queue for the next polls. */
export const ITEMS_PER_POLL = 100;
/** The editor shows three sample records. */
export const SAMPLE_SIZE = 3;
export const DEFAULT_CHECK_EVERY_HOURS = 24;
