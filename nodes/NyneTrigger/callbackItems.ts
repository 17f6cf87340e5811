import type { IDataObject } from 'n8n-workflow';

import { toInteractionItems } from '../../shared';
import type { LookupOutcome } from '../../shared';

export type TriggerOutput = 'split' | 'single';

/** One item per person (or one per result); a failed lookup is one item with status "failed" and the reason. */
export function callbackToJson(outcome: LookupOutcome, output: TriggerOutput): IDataObject[] {
	const meta = {
		request_id: outcome.requestId,
		platform: outcome.platform ?? null,
		interaction_type: outcome.interactionType ?? null,
	};
	if (outcome.status === 'failed') return [{ ...meta, status: 'failed', error: outcome.error }];
	const people = toInteractionItems(outcome.result, {
		requestId: outcome.requestId,
		platform: outcome.platform,
		interactionType: outcome.interactionType,
	}) as IDataObject[];
	if (output === 'split' && people.length > 0) return people;
	return [
		{
			...meta,
			platform: meta.platform ?? outcome.result.source_platform,
			interaction_type: meta.interaction_type ?? outcome.result.interaction_type,
			status: 'completed',
			target: outcome.result.target as IDataObject,
			result_count: outcome.resultCount,
			total_count: outcome.result.total_count,
			interactions: people,
		},
	];
}
