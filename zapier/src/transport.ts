import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';

import type { Transport, TransportResponse } from '../../shared/index.js';

/**
 * The core's transport port on `z.request`. Every status comes back to the core (`skipThrowForStatus`;
 * 429s too, through the app's `throwForThrottlingEarly: false` flag), so the core's retry and polling
 * policy sees the real answer and maps errors in its own words.
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
		const response = await z.request(options);
		return {
			status: response.status,
			headers: lowerCaseHeaders(response.headers),
			body: parseBody(response.content),
		} satisfies TransportResponse;
	};
}

function lowerCaseHeaders(headers: { forEach(cb: (value: string, name: string) => void): void }): Record<string, string> {
	const result: Record<string, string> = {};
	headers.forEach((value, name) => {
		result[name.toLowerCase()] = value;
	});
	return result;
}

function parseBody(content: string): unknown {
	if (!content) return content;
	try {
		return JSON.parse(content) as unknown;
	} catch {
		return content;
	}
}
