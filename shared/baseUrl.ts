import { DEFAULT_BASE_URL } from './constants.js';
import { NyneValidationError } from './errors.js';
import { isLoopbackHost } from './hostReach.js';

/** The credential's base URL, checked: https (http only on this machine), no user-info, query or fragment. */
export function normalizeBaseUrl(value: string | undefined): string {
	const raw = (value ?? '').trim() || DEFAULT_BASE_URL;
	const refuse = (why: string): never => {
		throw new NyneValidationError(
			'invalid_base_url',
			`The base URL ${why}. Use ${DEFAULT_BASE_URL}, or your local sandbox's address such as http://127.0.0.1:8787.`,
			'base_url',
		);
	};
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return refuse('is not a URL');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('must start with https://');
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
		refuse(
			'must start with https:// (http:// is allowed only for a sandbox on this machine: localhost, 127.0.0.1 or [::1])',
		);
	if (url.username || url.password)
		refuse(
			'must not contain a user name or password (the API key and secret go in their own fields)',
		);
	if (raw.includes('?') || raw.includes('#'))
		refuse('must not contain a query (?…) or a fragment (#…)');
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A request URL under the base URL (which may have a path of its own), resolved by `URL`. */
export function apiUrl(baseUrl: string, path: string, query: Record<string, string> = {}): string {
	const url = new URL(path.replace(/^\/+/, ''), `${baseUrl}/`);
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	return url.toString();
}
