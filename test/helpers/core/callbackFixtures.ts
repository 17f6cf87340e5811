/** The body Nyne POSTs when a followers lookup of @`target` on Twitter has completed with `interactions`. */
export function completedCallback(
	requestId: string,
	target: string,
	interactions: Array<Record<string, unknown>>,
) {
	return {
		request_id: requestId,
		status: 'completed',
		interaction_type: 'followers',
		platform: 'twitter',
		data: {
			interaction_type: 'followers',
			source_platform: 'twitter',
			target: { username: target },
			interactions,
			total_count: interactions.length,
		},
		result_count: interactions.length,
	};
}

/** The body Nyne POSTs when a followers lookup on Twitter found no data. */
export function failedCallback(requestId: string) {
	return {
		request_id: requestId,
		status: 'failed',
		interaction_type: 'followers',
		platform: 'twitter',
		error: 'No interaction data found',
	};
}

/** `count` people named `<prefix><i>`. */
export const people = (count: number, prefix: string) =>
	Array.from({ length: count }, (_, i) => ({ username: `${prefix}${i}` }));
