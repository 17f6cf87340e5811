import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';

import { API_KEY_HEADER, API_SECRET_HEADER, apiErrorFromResponse } from '../../shared/index.js';
import { toZapierError } from './errors.js';
import { toTransportResponse } from './transport.js';

/** The one place the key pair is set: as headers (never in the URL, so it never shows in logs). */
const addApiCredentials: BeforeRequestMiddleware = (request, _z, bundle) => {
	const { api_key: apiKey, api_secret: apiSecret } = bundle.authData;
	return {
		...request,
		headers: {
			...request.headers,
			[API_KEY_HEADER]: apiKey ?? '',
			[API_SECRET_HEADER]: apiSecret ?? '',
		},
	};
};

/**
 * Turns Nyne's error envelope into the matching Zapier error, in the core's words. Requests made
 * through the core's transport set `skipThrowForStatus`: the core reads those answers itself
 * (retries, early 404s while polling) and its errors are mapped by the same `toZapierError`.
 */
const mapErrorResponse: AfterResponseMiddleware = (response, z, bundle) => {
	if (response.skipThrowForStatus || response.status < 400) return response;
	const secrets = [bundle.authData.api_key ?? '', bundle.authData.api_secret ?? ''];
	throw toZapierError(z, apiErrorFromResponse(toTransportResponse(response), Date.now(), secrets));
};

export const befores = [addApiCredentials];
export const afters = [mapErrorResponse];
