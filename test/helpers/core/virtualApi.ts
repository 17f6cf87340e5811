import type { TransportRequest, TransportResponse } from '../../../shared';

/** A clock that jumps when slept on, so the client's waiting runs in no real time. */
export function virtualClock(start = 1_700_000_000_000) {
	let time = start;
	const slept: number[] = [];
	return {
		now: () => time,
		sleep: async (ms: number) => {
			slept.push(ms);
			time += ms;
		},
		advance: (ms: number) => {
			time += ms;
		},
		slept,
	};
}

export type Handler = (
	request: TransportRequest,
	index: number,
) => TransportResponse | Promise<TransportResponse>;

/** Records every request and answers with the given handler. */
export function recordingTransport(handler: Handler) {
	const requests: TransportRequest[] = [];
	const transport = async (request: TransportRequest): Promise<TransportResponse> => {
		requests.push(request);
		return handler(request, requests.length - 1);
	};
	return { transport, requests };
}

export const ok = (
	data: unknown,
	status = 200,
	headers: Record<string, string> = {},
): TransportResponse => ({
	status,
	headers,
	body: { success: true, data, timestamp: '2025-01-15T10:30:00Z' },
});

export const fail = (
	status: number,
	code: string,
	message = `${code} happened`,
	headers: Record<string, string> = {},
): TransportResponse => ({
	status,
	headers,
	body: { success: false, error: { code, message }, timestamp: '2025-01-15T10:30:00Z' },
});

export const accepted = (requestId = 'interaction_abc123def456_1700000000') =>
	ok(
		{
			request_id: requestId,
			status: 'queued',
			interaction_type: 'followers',
			platform: 'twitter',
			created_on: '2025-01-15T10:30:00Z',
		},
		202,
	);

export const completed = (requestId: string, usernames: string[] = ['alice', 'bob']) =>
	ok({
		request_id: requestId,
		status: 'completed',
		interaction_type: 'followers',
		platform: 'twitter',
		result: {
			interaction_type: 'followers',
			source_platform: 'twitter',
			target: {
				username: 'elonmusk',
				display_name: 'Elon Musk',
				profile_url: 'https://twitter.com/elonmusk',
			},
			interactions: usernames.map((username) => ({
				username,
				display_name: username.toUpperCase(),
				verified: false,
			})),
			total_count: usernames.length,
		},
		result_count: usernames.length,
		created_on: '2025-01-15T10:30:00Z',
		completed_on: '2025-01-15T10:31:00Z',
	});

export const running = (requestId: string, status = 'processing') =>
	ok({ request_id: requestId, status, interaction_type: 'followers', platform: 'twitter' });
