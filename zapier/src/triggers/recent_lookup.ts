import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';

import { withZapierErrors } from '../errors.js';
import { recentLookups } from '../cache/recentLookups.js';
import {
	SAMPLE_RECENT_LOOKUP,
	RECENT_LOOKUP_OUTPUT_FIELDS,
	toRecentLookupItem,
	type RecentLookupItem,
} from '../samples.js';

/** The dropdown of "Find Interaction Request": lookups this connection started, newest first. Costs nothing. */
const perform = (z: ZObject, bundle: Bundle): Promise<RecentLookupItem[]> =>
	withZapierErrors(z, async () => (await recentLookups(z, bundle)).map(toRecentLookupItem));

export default defineTrigger({
	key: 'recent_lookup',
	noun: 'Interaction Lookup',
	display: {
		label: 'New Interaction Lookup Started',
		description:
			'Triggers when a lookup is started on this connection (lists the recent ones for dropdowns).',
		hidden: true,
	},
	operation: {
		type: 'polling',
		perform,
		sample: SAMPLE_RECENT_LOOKUP,
		outputFields: RECENT_LOOKUP_OUTPUT_FIELDS,
	},
});
