import type { InteractionResult, RequestState, RequestStatus } from '../../shared/index.js';

import { capPeople, personOutputFields, toPersonItems, type PersonItem } from './people.js';
import { SAMPLE_REQUEST_ID, SAMPLE_RESULT } from './samples.js';

/** What the create and search actions return: the lookup, and its people as line items. */
export type LookupOutput = {
	id: string;
	request_id: string;
	status: RequestState;
	interaction_type?: string;
	platform?: string;
	target?: InteractionResult['target'];
	/** People in `interactions` (after any cap). */
	count: number;
	/** People Nyne found. */
	total_count: number;
	/** True when `interactions` was cut to stay within Zapier's size limits. */
	truncated: boolean;
	/** People in Nyne's answer left out because they had no usable username. */
	dropped_count: number;
	interactions: PersonItem[];
	error?: string;
	created_on?: string;
	completed_on?: string;
};

export function toLookupOutput(status: RequestStatus): LookupOutput {
	const found = status.result
		? toPersonItems(status.result, { requestId: status.requestId, platform: status.platform, interactionType: status.interactionType })
		: [];
	const { people, truncated } = capPeople(found);
	const output: LookupOutput = {
		id: status.requestId,
		request_id: status.requestId,
		status: status.status,
		interaction_type: status.interactionType ?? status.result?.interaction_type,
		platform: status.platform ?? status.result?.source_platform,
		count: people.length,
		total_count: Math.max(status.result?.total_count ?? 0, status.resultCount ?? 0, found.length),
		truncated,
		dropped_count: status.result?.dropped_count ?? 0,
		interactions: people,
	};
	if (status.result) output.target = status.result.target;
	if (status.error) output.error = status.error;
	if (status.createdOn) output.created_on = status.createdOn;
	if (status.completedOn) output.completed_on = status.completedOn;
	return output;
}

export const SAMPLE_LOOKUP_OUTPUT: LookupOutput = toLookupOutput({
	requestId: SAMPLE_REQUEST_ID,
	status: 'completed',
	interactionType: 'followers',
	platform: 'twitter',
	result: SAMPLE_RESULT,
	resultCount: 1,
	createdOn: '2025-01-15T10:30:00Z',
	completedOn: '2025-01-15T10:31:00Z',
});

export const LOOKUP_OUTPUT_FIELDS = [
	{ key: 'request_id', label: 'Request ID' },
	{ key: 'status', label: 'Status' },
	{ key: 'error', label: 'Error' },
	{ key: 'interaction_type', label: 'Interaction Type' },
	{ key: 'platform', label: 'Platform' },
	{ key: 'target__username', label: 'Target Username' },
	{ key: 'target__display_name', label: 'Target Display Name' },
	{ key: 'target__profile_url', label: 'Target Profile URL' },
	{ key: 'count', label: 'People Returned', type: 'integer' as const },
	{ key: 'total_count', label: 'People Found', type: 'integer' as const },
	{ key: 'truncated', label: 'List Cut to Fit Zapier Limits', type: 'boolean' as const },
	{ key: 'dropped_count', label: 'People Left Out (No Username)', type: 'integer' as const },
	{ key: 'created_on', label: 'Created On', type: 'datetime' as const },
	{ key: 'completed_on', label: 'Completed On', type: 'datetime' as const },
	...personOutputFields('interactions[]'),
];
