import type { Transport, TransportRequest, TransportResponse } from '../../../shared';

export interface FetchTransportOptions {
	/**
	 * The sandbox's time scale (real ms per API ms). The sandbox writes its time headers in real seconds;
	 * a client on a scaled clock (see scaledClock.ts) needs them in API seconds, so they are converted here.
	 */
	timeScale?: number;
	/** Real milliseconds before giving up on an answer; the request then rejects as if the connection broke. */
	timeoutMs?: number;
	/** Sees every request and its outcome (answer status, or the error): for counting in tests and benchmarks. */
	onExchange?: (
		request: TransportRequest,
		outcome: { status: number } | { error: unknown },
	) => void;
}

const RELATIVE_SECONDS = ['retry-after', 'ratelimit-reset'];

function toApiTime(
	headers: Record<string, string>,
	scale: number,
	apiNow: number,
): Record<string, string> {
	if (scale === 1) return headers;
	const out = { ...headers };
	for (const name of RELATIVE_SECONDS) {
		const seconds = Number(out[name]);
		if (out[name] !== undefined && Number.isFinite(seconds)) out[name] = String(seconds / scale);
	}
	const absolute = Number(out['x-ratelimit-reset']);
	if (out['x-ratelimit-reset'] !== undefined && Number.isFinite(absolute)) {
		out['x-ratelimit-reset'] = String((apiNow + (absolute * 1000 - Date.now()) / scale) / 1000);
	}
	return out;
}

/** The core's transport port on Node's fetch: JSON in, parsed JSON (or raw text) out, lower-case headers. */
export function fetchTransport(
	options: FetchTransportOptions & { apiNow?: () => number } = {},
): Transport {
	const scale = options.timeScale ?? 1;
	return async (request: TransportRequest): Promise<TransportResponse> => {
		let response: Response;
		let text: string;
		try {
			response = await fetch(request.url, {
				method: request.method,
				headers: request.headers,
				body: request.body === undefined ? undefined : JSON.stringify(request.body),
				signal:
					options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
			});
			text = await response.text();
		} catch (error) {
			options.onExchange?.(request, { error });
			throw error;
		}
		options.onExchange?.(request, { status: response.status });
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			headers[name.toLowerCase()] = value;
		});
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: the core sees the raw text
		}
		return {
			status: response.status,
			headers: toApiTime(headers, scale, options.apiNow?.() ?? Date.now()),
			body,
		};
	};
}
