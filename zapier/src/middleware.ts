import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';

import { apiErrorFromResponse } from '../../shared/index.js';
import { toZapierError } from './errors.js';

/**
 * Every request to Nyne carries the key pair as headers (never in the URL, so it never shows in logs).
 * The core's transport sets them already; a header given twice in different case would be sent twice.
 */
const addApiCredentials: BeforeRequestMiddleware = (request, _z, bundle) => {
	const headers = { ...request.headers };
	const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
	const { api_key: apiKey, api_secret: apiSecret } = bundle.authData;
	if (apiKey && !present.has('x-api-key')) headers['X-API-Key'] = apiKey;
	if (apiSecret && !present.has('x-api-secret')) headers['X-API-Secret'] = apiSecret;
	return { ...request, headers };
};

/**
 * Turns Nyne's error envelope into the matching Zapier error, in the core's words. Requests made
 * through the core's transport set `skipThrowForStatus`: the core reads those answers itself
 * (retries, early 404s while polling) and its errors are mapped by the same `toZapierError`.
 */
const mapErrorResponse: AfterResponseMiddleware = (response, z, bundle) => {
	if (response.skipThrowForStatus || response.status < 400) return response;
	const headers: Record<string, string> = {};
	response.headers.forEach((value: string, name: string) => {
		headers[name.toLowerCase()] = value;
	});
	let body: unknown = response.content;
	try {
		body = JSON.parse(response.content) as unknown;
	} catch {
		// not JSON: the status code alone decides
	}
	const secrets = [bundle.authData.api_key ?? '', bundle.authData.api_secret ?? ''];
	throw toZapierError(z, apiErrorFromResponse({ status: response.status, headers, body }, Date.now(), secrets));
};

export const befores = [addApiCredentials];
export const afters = [mapErrorResponse];
