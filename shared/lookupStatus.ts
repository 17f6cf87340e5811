import type { z } from 'zod';

import { FAILED_WITHOUT_REASON } from './errorMessages.js';
import { redactSecrets } from './redaction.js';
import { countPeople, readPeople } from './resultPeople.js';
import type { interactionResultSchema } from './schemas.js';
import type { FinishedLookup, InteractionResult, LookupStatus } from './types.js';

type ParsedResult = z.infer<typeof interactionResultSchema>;

/** The fields a status read (requestStatusDataSchema) or a callback (callbackPayloadSchema) parsed into. */
export type ParsedStatus = Omit<LookupStatus, 'result' | 'result_count'> & {
	result?: ParsedResult | null;
	result_count?: number | null;
};

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
	fallback: Pick<LookupStatus, 'interaction_type' | 'platform'>,
	reading: ResultReading = {},
): InteractionResult {
	if (!result) {
		return {
			interaction_type: fallback.interaction_type ?? '',
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

/**
 * A parsed status (a GET's data or a callback's body) as the client returns it: absent fields left out, a
 * completed lookup always with a result and its `result_count`, a failed one always with a reason, and its
 * error text free of the secrets.
 */
export function toLookupStatus(
	data: ParsedStatus,
	reading: ResultReading & { secrets?: readonly string[] } = {},
): LookupStatus {
	const status: LookupStatus = { request_id: data.request_id, status: data.status };
	if (data.interaction_type) status.interaction_type = data.interaction_type;
	if (data.platform) status.platform = data.platform;
	if (data.created_on) status.created_on = data.created_on;
	if (data.completed_on) status.completed_on = data.completed_on;
	if (data.result || data.status === 'completed')
		status.result = toInteractionResult(data.result, status, reading);
	if (typeof data.result_count === 'number') status.result_count = data.result_count;
	else if (data.status === 'completed' && status.result)
		status.result_count = countPeople(status.result);
	const error = data.error || (data.status === 'failed' ? FAILED_WITHOUT_REASON : undefined);
	if (error) status.error = redactSecrets(error, reading.secrets ?? []);
	return status;
}

/** Completed or failed: the lookup will not change any more. */
export function isFinished(status: LookupStatus): status is FinishedLookup {
	return status.status === 'completed' || status.status === 'failed';
}
