export const API_KEY_HEADER = 'x-api-key';
export const API_SECRET_HEADER = 'x-api-secret';

/** The key pair as Nyne reads it: headers, never the URL, so it never shows in logs. */
export function authHeaders(apiKey: string, apiSecret: string): Record<string, string> {
	return { [API_KEY_HEADER]: apiKey, [API_SECRET_HEADER]: apiSecret };
}

/**
 * The request's headers without the key pair, for a platform that adds the pair itself (n8n's credential,
 * Zapier's middleware): the pair is then set once, by the platform.
 */
export function withoutAuthHeaders(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).filter(
			([name]) => name.toLowerCase() !== API_KEY_HEADER && name.toLowerCase() !== API_SECRET_HEADER,
		),
	);
}
