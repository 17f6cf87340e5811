export const API_KEY_HEADER = 'x-api-key';
export const API_SECRET_HEADER = 'x-api-secret';

/** The key pair as Nyne reads it: headers, never the URL, so it never shows in logs. */
export function authHeaders(apiKey: string, apiSecret: string): Record<string, string> {
	return { [API_KEY_HEADER]: apiKey, [API_SECRET_HEADER]: apiSecret };
}
