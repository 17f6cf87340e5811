import { toLookupView, type InteractionResult } from '../../shared/index.js';

import {
	toLookupOutput,
	toStartedOutput,
	type LookupOutput,
	type StartedOutput,
} from './lookupOutput.js';
import type { PersonItem } from './people.js';

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
	requestId: SAMPLE_REQUEST_ID,
	interactionType: 'followers',
	platform: 'twitter',
	createdOn: '2025-01-15T10:30:00Z',
};

export const SAMPLE_LOOKUP_OUTPUT: LookupOutput = toLookupOutput(
	toLookupView({
		...SAMPLE_LOOKUP,
		status: 'completed',
		result: SAMPLE_RESULT,
		resultCount: 1,
		completedOn: '2025-01-15T10:31:00Z',
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
	{ key: 'interactions', label: 'People', children: PERSON_OUTPUT_FIELDS },
];
