import type { z } from 'zod';

import { redactSecrets } from './redaction.js';
import { readPeople } from './resultPeople.js';
import type { interactionResultSchema, requestStatusDataSchema } from './schemas.js';
import type { InteractionResult, LookupOutcome, RequestStatus } from './types.js';

type ParsedStatus = z.infer<typeof requestStatusDataSchema>;
type ParsedResult = z.infer<typeof interactionResultSchema>;

export interface ResultReading {
	/** At most this many people per list are read (callbacks: the API's maximum). */
	maxPeople?: number;
}

/** Separate `followers` / `following` lists, another shape a combined result may take. */
const SIDE_LISTS = ['followers', 'following'] as const;

/**
 * The result with every person that has a usable identity; `dropped_count` says how many were left out.
 * No result at all (`null`) is an empty result.
 */
export function toInteractionResult(
	result: ParsedResult | null | undefined,
	fallback: { interactionType?: string; platform?: string },
	reading: ResultReading = {},
): InteractionResult {
	if (!result) {
		return {
			interaction_type: fallback.interactionType ?? '',
			source_platform: fallback.platform ?? '',
			target: { username: '' },
			interactions: [],
			total_count: 0,
			dropped_count: 0,
		};
	}
	const listed = readPeople(result.interactions, reading.maxPeople);
	const out = { ...result, interactions: listed.people } as InteractionResult;
	let dropped = listed.dropped;
	for (const side of SIDE_LISTS) {
		if (!Array.isArray(result[side])) continue;
		const sided = readPeople(result[side], reading.maxPeople);
		out[side] = sided.people;
		dropped += sided.dropped;
	}
	out.total_count = result.total_count ?? listed.people.length;
	out.dropped_count = dropped;
	return out;
}

export function toRequestStatus(
	data: ParsedStatus,
	secrets: readonly string[] = [],
): RequestStatus {
	const status: RequestStatus = { requestId: data.request_id, status: data.status };
	if (data.interaction_type) status.interactionType = data.interaction_type;
	if (data.platform) status.platform = data.platform;
	if (data.result || data.status === 'completed')
		status.result = toInteractionResult(data.result, {
			interactionType: data.interaction_type ?? undefined,
			platform: data.platform ?? undefined,
		});
	if (typeof data.result_count === 'number') status.resultCount = data.result_count;
	if (data.created_on) status.createdOn = data.created_on;
	if (data.completed_on) status.completedOn = data.completed_on;
	if (data.error) status.error = redactSecrets(data.error, secrets);
	return status;
}

/** The terminal outcome of a status, or undefined while the lookup is still running. */
export function toLookupOutcome(status: RequestStatus): LookupOutcome | undefined {
	const base = {
		requestId: status.requestId,
		interactionType: status.interactionType,
		platform: status.platform,
	};
	if (status.status === 'failed')
		return {
			...base,
			status: 'failed',
			error: status.error || 'The lookup failed without a reason.',
		};
	if (status.status !== 'completed') return undefined;
	const result = status.result ?? toInteractionResult(undefined, base);
	return {
		...base,
		status: 'completed',
		result,
		resultCount: status.resultCount ?? result.interactions.length,
	};
}
