import type { HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';

import type { Transport, TransportResponse } from '../../shared/index.js';

/**
 * The core's transport port on `z.request`. Every status comes back to the core (`skipThrowForStatus`;
 * 429s too, through the app's `throwForThrottlingEarly: false` flag), so the core's retry and polling
 * policy sees the real answer and maps errors in its own words. The key pair is set by the app's middleware.
 */
export function createZapierTransport(z: ZObject): Transport {
	return async (request) => {
		const options: HttpRequestOptions & { url: string } = {
			url: request.url,
			method: request.method,
			headers: request.headers,
			skipThrowForStatus: true,
		};
		if (request.body !== undefined) options.body = request.body as Record<string, unknown>;
		return toTransportResponse(await z.request(options));
	};
}

/** What the app reads of node-fetch's Headers (zapier-platform-core's types name it, but node-fetch v2 ships none). */
type ResponseHeaders = { forEach(callback: (value: string, name: string) => void): void };

/** The one reading of a Zapier response: lower-case header names, JSON parsed when it is JSON. */
function toTransportResponse(
	response: Pick<HttpResponse, 'status' | 'content'> & { headers: ResponseHeaders },
): TransportResponse {
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => {
		headers[name.toLowerCase()] = value;
	});
	return { status: response.status, headers, body: parseBody(response.content) };
}

function parseBody(content: string): unknown {
	if (!content) return content;
	try {
		return JSON.parse(content) as unknown;
	} catch {
		return content;
	}
}
