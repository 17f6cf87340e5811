import type { BeforeRequestMiddleware } from 'zapier-platform-core';

import { authHeaders } from '../../shared/index.js';

/** The one place the key pair is set: as headers (never in the URL, so it never shows in logs). */
const addApiCredentials: BeforeRequestMiddleware = (request, _z, bundle) => {
	const { api_key: apiKey, api_secret: apiSecret } = bundle.authData;
	return {
		...request,
		headers: { ...request.headers, ...authHeaders(apiKey ?? '', apiSecret ?? '') },
	};
};

export const befores = [addApiCredentials];
