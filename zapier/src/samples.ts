import {
	toLookupView,
	toLostPersonItem,
	type InteractionItem,
	type InteractionResult,
	type WatchChange,
} from '../../shared/index.js';

import {
	toLookupOutput,
	toStartedOutput,
	type LookupOutput,
	type StartedOutput,
} from './lookupOutput.js';
import type { RecentLookup } from './cache/recentLookups.js';
import type { PersonItem } from './people.js';
import { toWatchEvents, type WatchEvent } from './watch/watchItems.js';
import type { WatchSpec } from './watch/watchSpec.js';

/*
 * The samples and output fields of every trigger, create and search, in one place. Every sample comes from
 * a result shaped like the API's, through the core and the same mapping a real run uses.
 */

export const SAMPLE_REQUEST_ID = 'interaction_abc123def456_1234567890';

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

const SAMPLE_LOOKUP = {
	request_id: SAMPLE_REQUEST_ID,
	interaction_type: 'followers',
	platform: 'twitter',
	created_on: '2025-01-15T10:30:00Z',
};

export const SAMPLE_LOOKUP_OUTPUT: LookupOutput = toLookupOutput(
	toLookupView({
		...SAMPLE_LOOKUP,
		status: 'completed',
		result: SAMPLE_RESULT,
		result_count: 1,
		completed_on: '2025-01-15T10:31:00Z',
	}),
);

export const SAMPLE_PERSON: PersonItem = SAMPLE_LOOKUP_OUTPUT.interactions[0];

export const SAMPLE_STARTED_OUTPUT: StartedOutput = toStartedOutput(
	toLookupView({ ...SAMPLE_LOOKUP, status: 'processing' }),
	'https://twitter.com/nyne_ai',
);

type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };
type FieldType = 'string' | 'integer' | 'boolean' | 'datetime';
interface OutputField {
	key: string;
	label: string;
	type?: FieldType;
	children?: OutputField[];
}

/** Every named field of the core's item needs a label here, so a new core field cannot go unlisted. */
const PERSON_FIELDS: Record<KnownKeys<PersonItem>, { label: string; type?: FieldType }> = {
	id: { label: 'ID' },
	username: { label: 'Username' },
	display_name: { label: 'Display Name' },
	profile_url: { label: 'Profile URL' },
	bio: { label: 'Bio' },
	followers_count: { label: 'Followers Count', type: 'integer' },
	following_count: { label: 'Following Count', type: 'integer' },
	verified: { label: 'Verified', type: 'boolean' },
	reply_text: { label: 'Reply Text' },
	reply_date: { label: 'Reply Date', type: 'datetime' },
	likes_count: { label: 'Reply Likes', type: 'integer' },
	retweets_count: { label: 'Reply Retweets', type: 'integer' },
	relation: { label: 'Relation (follower or following)' },
	request_id: { label: 'Request ID' },
	platform: { label: 'Platform' },
	interaction_type: { label: 'Interaction Type' },
	target_username: { label: 'Target Username' },
};

export const PERSON_OUTPUT_FIELDS: OutputField[] = Object.entries(PERSON_FIELDS).map(
	([key, field]) => ({ key, ...field }),
);

/** The fields a lookup has from its start on. */
const REQUEST_FIELDS: OutputField[] = [
	{ key: 'id', label: 'ID' },
	{ key: 'request_id', label: 'Request ID' },
	{ key: 'status', label: 'Status' },
	{ key: 'interaction_type', label: 'Interaction Type' },
	{ key: 'platform', label: 'Platform' },
	{ key: 'created_on', label: 'Created On', type: 'datetime' },
];

export const STARTED_OUTPUT_FIELDS: OutputField[] = [
	...REQUEST_FIELDS,
	{ key: 'social_media_url', label: 'Social Media URL' },
	{ key: 'callback_url', label: 'Callback URL' },
	{
		key: 'reaches_instant_trigger',
		label: 'Reaches Interaction Lookup Completed',
		type: 'boolean',
	},
	{ key: 'reused_from', label: 'Reused From Request' },
];

/** The people are line items: `interactions` with one child field per person field. */
export const LOOKUP_OUTPUT_FIELDS: OutputField[] = [
	...REQUEST_FIELDS,
	{ key: 'error', label: 'Error' },
	{ key: 'target__username', label: 'Target Username' },
	{ key: 'target__display_name', label: 'Target Display Name' },
	{ key: 'target__profile_url', label: 'Target Profile URL' },
	{ key: 'count', label: 'People Returned', type: 'integer' },
	{ key: 'total_count', label: 'People Found', type: 'integer' },
	{ key: 'dropped_count', label: 'People Left Out (No Username)', type: 'integer' },
	{ key: 'truncated', label: 'List Cut to Fit Zapier Limits', type: 'boolean' },
	{ key: 'completed_on', label: 'Completed On', type: 'datetime' },
	{ key: 'credits', label: 'Credits Charged', type: 'integer' },
	{ key: 'reused_from', label: 'Reused From Request' },
	{ key: 'interactions', label: 'People', children: PERSON_OUTPUT_FIELDS },
];

/** An item of the hidden trigger behind the Request ID dropdown. */
export type RecentLookupItem = RecentLookup & { id: string; label: string };

export function toRecentLookupItem(lookup: RecentLookup): RecentLookupItem {
	const what = lookup.interaction_type ?? 'lookup';
	return {
		id: lookup.request_id,
		label: `${what} of ${lookup.social_media_url} (${lookup.started_at})`,
		...lookup,
	};
}

export const SAMPLE_RECENT_LOOKUP: RecentLookupItem = toRecentLookupItem({
	request_id: SAMPLE_REQUEST_ID,
	interaction_type: 'followers',
	social_media_url: 'https://x.com/nyne_ai',
	started_at: '2025-01-15T10:30:00.000Z',
});

export const RECENT_LOOKUP_OUTPUT_FIELDS: OutputField[] = [
	{ key: 'id', label: 'Request ID' },
	{ key: 'label', label: 'Lookup' },
	{ key: 'request_id', label: 'Request ID' },
	{ key: 'interaction_type', label: 'Interaction Type' },
	{ key: 'social_media_url', label: 'Social Media URL' },
	{ key: 'started_at', label: 'Started At', type: 'datetime' },
];

/* The follower-sync triggers (new and lost people). */

const SAMPLE_DETECTED_AT = Date.parse('2025-01-15T10:31:00Z');

function sampleOf(spec: WatchSpec, change: WatchChange): WatchEvent {
	return toWatchEvents([change], spec)[0];
}
const SAMPLE_REPLY: InteractionItem = {
	username: 'jane_sample',
	display_name: 'Jane Sample',
	profile_url: 'https://twitter.com/jane_sample',
	reply_text: 'Congrats on the launch!',
	reply_date: '2025-01-15T10:29:12Z',
	likes_count: 4,
	retweets_count: 1,
	request_id: SAMPLE_REQUEST_ID,
	platform: 'twitter',
	interaction_type: 'replies',
	target_username: 'nyne_ai',
};

/** The static sample of each trigger, built by the same functions as real items. */
export function sampleEvent(spec: WatchSpec): WatchEvent {
	if (spec.mode === 'lost')
		return sampleOf(spec, {
			kind: 'lost',
			detectedAt: SAMPLE_DETECTED_AT,
			person: toLostPersonItem('jane_sample', {
				platform: 'twitter',
				interactionType: 'followers',
				relation: 'follower',
				targetUsername: SAMPLE_RESULT.target.username,
				requestId: SAMPLE_REQUEST_ID,
			}),
		});
	if (spec.type === 'replies')
		return sampleOf(spec, { kind: 'added', person: SAMPLE_REPLY, detectedAt: SAMPLE_DETECTED_AT });
	const relation = spec.type === 'following' ? 'following' : 'follower';
	const person: InteractionItem = {
		...(SAMPLE_RESULT.interactions[0] as InteractionItem),
		request_id: SAMPLE_REQUEST_ID,
		platform: 'twitter',
		interaction_type: spec.type,
		target_username: 'nyne_ai',
		relation,
	};
	return sampleOf(spec, { kind: 'added', person, detectedAt: SAMPLE_DETECTED_AT });
}

const DETECTED_AT_FIELD = { key: 'detected_at', label: 'Detected At', type: 'datetime' as const };

export function watchOutputFields(spec: WatchSpec) {
	if (spec.mode === 'new') return [...PERSON_OUTPUT_FIELDS, DETECTED_AT_FIELD];
	const lostKeys = [
		'id',
		'username',
		'profile_url',
		'platform',
		'interaction_type',
		'relation',
		'target_username',
		'request_id',
	];
	return [
		...lostKeys.map(
			(key) => PERSON_OUTPUT_FIELDS.find((field) => field.key === key) as OutputField,
		),
		DETECTED_AT_FIELD,
	];
}
