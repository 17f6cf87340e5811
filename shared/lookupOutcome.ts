import type { z } from 'zod';

import type { interactionResultSchema, requestStatusDataSchema } from './schemas.js';
import type { InteractionResult, LookupOutcome, RequestStatus } from './types.js';

type ParsedStatus = z.infer<typeof requestStatusDataSchema>;
type ParsedResult = z.infer<typeof interactionResultSchema>;

export function toInteractionResult(result: ParsedResult | null | undefined, fallback: { interactionType?: string; platform?: string }): InteractionResult {
	if (!result) {
		return { interaction_type: fallback.interactionType ?? '', source_platform: fallback.platform ?? '', target: { username: '' }, interactions: [], total_count: 0 };
	}
	return { ...result, total_count: result.total_count ?? result.interactions.length } as InteractionResult;
}

export function toRequestStatus(data: ParsedStatus): RequestStatus {
	const status: RequestStatus = { requestId: data.request_id, status: data.status };
	if (data.interaction_type) status.interactionType = data.interaction_type;
	if (data.platform) status.platform = data.platform;
	if (data.result) status.result = toInteractionResult(data.result, {});
	if (typeof data.result_count === 'number') status.resultCount = data.result_count;
	if (data.created_on) status.createdOn = data.created_on;
	if (data.completed_on) status.completedOn = data.completed_on;
	if (data.error) status.error = data.error;
	return status;
}

/** The terminal outcome of a status, or undefined while the lookup is still running. */
export function toLookupOutcome(status: RequestStatus): LookupOutcome | undefined {
	const base = { requestId: status.requestId, interactionType: status.interactionType, platform: status.platform };
	if (status.status === 'failed') return { ...base, status: 'failed', error: status.error || 'The lookup failed without a reason.' };
	if (status.status !== 'completed') return undefined;
	const result = status.result ?? toInteractionResult(undefined, base);
	return { ...base, status: 'completed', result, resultCount: status.resultCount ?? result.interactions.length };
}
