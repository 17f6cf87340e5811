import type { InteractionRequestBody, TransportRequest, TransportResponse } from '../shared';
import type { World } from './world';

/** What a hand-built flow does: an HTTP Request with "retry on fail" (n8n's defaults: 3 tries, 1 s apart), no limiter. */
export const NAIVE_RETRY = { maxTries: 3, waitMs: 1_000 };

export interface NaiveAnswer {
	response?: TransportResponse;
	requests: number;
}

export async function naiveSend(
	world: World,
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
	maxTries = NAIVE_RETRY.maxTries,
): Promise<NaiveAnswer> {
	const request: TransportRequest = {
		method,
		url: `${world.sandbox.url}${path}`,
		headers: {
			'x-api-key': world.sandbox.apiKey,
			'x-api-secret': world.sandbox.apiSecret,
			'content-type': 'application/json',
		},
		...(body === undefined ? {} : { body }),
	};
	let requests = 0;
	for (let attempt = 1; ; attempt++) {
		requests += 1;
		const response = await world.transport(request).catch(() => undefined);
		const failed = !response || response.status === 429 || response.status >= 500;
		if (!failed) return { response, requests };
		if (attempt >= maxTries) return { requests };
		await world.clock.sleep(NAIVE_RETRY.waitMs);
	}
}

export function submitPath(): string {
	return '/person/interactions';
}

export function pollPath(requestId: string): string {
	return `/person/interactions?request_id=${encodeURIComponent(requestId)}`;
}

export function requestIdOf(answer: NaiveAnswer): string | undefined {
	return (answer.response?.body as { data?: { request_id?: string } } | undefined)?.data
		?.request_id;
}

export function stateOf(answer: NaiveAnswer): string | undefined {
	return (answer.response?.body as { data?: { status?: string } } | undefined)?.data?.status;
}

/** Submit, then GET every `pollMs` until the job is completed or failed (a Wait-node loop). */
export async function naiveFixedPoll(
	world: World,
	body: InteractionRequestBody,
	pollMs: number,
): Promise<{ polls: number; done: boolean; submittedAt: number }> {
	const submittedAt = world.clock.now();
	const submitted = await naiveSend(world, 'POST', submitPath(), body);
	const requestId = requestIdOf(submitted);
	if (!requestId) return { polls: 0, done: false, submittedAt };
	let polls = 0;
	for (;;) {
		await world.clock.sleep(pollMs);
		const answer = await naiveSend(world, 'GET', pollPath(requestId));
		polls += answer.requests;
		const state = stateOf(answer);
		if (state === 'completed' || state === 'failed') return { polls, done: true, submittedAt };
		if (!answer.response || (answer.response.status >= 400 && answer.response.status !== 404))
			return { polls, done: false, submittedAt };
	}
}
