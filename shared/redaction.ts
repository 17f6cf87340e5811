/** Secrets shorter than this are not searched for: they would match ordinary text. */
const MIN_SECRET_LENGTH = 4;
const MASK = '***';

/** Query parameters that carry a capability in a callback URL; masked wherever the URL is shown. */
const SENSITIVE_QUERY_PARAMETERS = new Set([
	'token',
	'nyne_token',
	'api_key',
	'api_secret',
	'secret',
	'signature',
]);

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The ways a secret can come back inside a server's or a network layer's text. */
function formsOf(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const forms = [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		json,
		encodeURIComponent(json),
	];
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every raw, URL-encoded (any hex case, `+` for spaces) and JSON-escaped copy of each secret
 * with `***`. Used on every string that the server or the network hands back.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of formsOf(secret)) {
			out = out.replace(new RegExp(escapeRegExp(form), form.includes('%') ? 'gi' : 'g'), MASK);
		}
	}
	return out;
}

/** A callback URL as it may be shown in an output: capability parameters such as `token` are masked. */
export function maskCallbackUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return value;
	}
	let masked = false;
	for (const name of [...url.searchParams.keys()]) {
		if (SENSITIVE_QUERY_PARAMETERS.has(name.toLowerCase())) {
			url.searchParams.set(name, MASK);
			masked = true;
		}
	}
	if (url.username || url.password) {
		url.username = '';
		url.password = '';
		masked = true;
	}
	return masked ? url.toString() : value;
}
