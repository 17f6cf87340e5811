import { creditsPerDay, DEFAULT_CHECK_EVERY_HOURS, HOUR_MS } from '../../shared';
import { LOOKUP_COST, NODE_TYPES } from '../common/builderHints';
import type { BuilderHint } from '../common/builderHints';

const SYNC_PATTERN = `<patterns>
<pattern title="New followers into a Google Sheet (follower sync)">
// The trigger emits one item per change: username, display_name, profile_url, bio, followers_count, event,
// platform, target_username, detected_at. The first lookup only records who is there (no items).
const watch = trigger({
  type: '${NODE_TYPES.nyneFollowerTrigger}',
  version: 1,
  config: {
    name: 'New Followers',
    parameters: {
      socialMediaUrl: 'https://x.com/nyne_ai',
      event: 'newFollower',
      checkEveryHours: ${DEFAULT_CHECK_EVERY_HOURS},
      maxResults: 1000,
      pollTimes: { item: [{ mode: 'everyHour' }] }
    },
    credentials: { nyneApi: newCredential('Nyne account') }
  }
});

const addRow = node({
  type: 'n8n-nodes-base.googleSheets',
  version: 4.7,
  config: {
    name: 'Add Follower Row',
    parameters: {
      resource: 'sheet',
      operation: 'append',
      documentId: { __rl: true, mode: 'url', value: 'https://docs.google.com/spreadsheets/d/your-sheet-id/edit' },
      sheetName: { __rl: true, mode: 'name', value: 'Followers' },
      columns: {
        mappingMode: 'autoMapInputData',
        value: {},
        matchingColumns: [],
        schema: []
      },
      options: {}
    },
    credentials: { googleSheetsOAuth2Api: newCredential('Google Sheets account') }
  }
});

export default workflow('nyne-follower-sync', 'New followers into a sheet').add(watch).to(addRow);
</pattern>
<pattern title="Unfollow alerts">
// event: 'lostFollower' emits who stopped following (from complete lists: set maxResults above the follower count);
// event: 'lostFollowing' whom the profile stopped following; 'newFollowing' whom it started following.
</pattern>
</patterns>`;

/** What the Follower Trigger tells an AI builder: a watch, its cost per day, and the sync pattern. */
export const NYNE_FOLLOWER_TRIGGER_BUILDER_HINT: BuilderHint = {
	searchHint:
		'Starts a workflow when an X (Twitter) profile (Instagram: following) gains or loses followers, or follows or unfollows someone ' +
		'(event: newFollower, lostFollower, newFollowing, lostFollowing); the X node has no such trigger. ' +
		`One lookup per checkEveryHours (${DEFAULT_CHECK_EVERY_HOURS} by default; ${LOOKUP_COST}, so ` +
		`${creditsPerDay(DEFAULT_CHECK_EVERY_HOURS * HOUR_MS)} credits a day at the default); ` +
		'polls in between are free, the first lookup only records who is there. For a one-off list use the Nyne node instead.',
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-base.googleSheets',
			relationHint: 'Follower sync: append each new follower (or unfollower) as a row',
		},
		{
			nodeType: 'n8n-nodes-base.hubspot',
			relationHint: 'Create a CRM contact (lead) for each new follower',
		},
		{
			nodeType: 'n8n-nodes-base.slack',
			relationHint: 'Post an alert for each unfollow',
		},
		{
			nodeType: NODE_TYPES.nyne,
			relationHint: 'One-off lists (followers, following, repliers of a post) instead of a watch',
		},
	],
	extraTypeDefContent: [{ content: SYNC_PATTERN }],
};
