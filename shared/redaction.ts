/** Secrets shorter than this are masked only where they stand alone (not inside a word), so ordinary text survives. */
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
	'nyne_sig',
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
	return [...new Set([...forms, ...base64Forms(secret)])].sort((a, b) => b.length - a.length);
}

/** Base64 and base64url, with and without padding, as in a Basic auth header or an encoded token. */
function base64Forms(text: string): string[] {
	const standard = btoa(String.fromCharCode(...new TextEncoder().encode(text)));
	const unpadded = standard.replace(/=+$/, '');
	const url = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
	return [standard, unpadded, url];
}

/** Each secret, and each `a:b` pair of them (a key and its secret, as Basic auth joins them). */
function withPairs(secrets: readonly string[]): string[] {
	const usable = secrets.filter((secret) => typeof secret === 'string' && secret !== '');
	const pairs = usable.flatMap((a, i) => usable.filter((_b, j) => j !== i).map((b) => `${a}:${b}`));
	return [...pairs, ...usable];
}

/**
 * Replaces every raw, URL-encoded (any hex case, `+` for spaces), JSON-escaped and base64 copy of each secret,
 * and of `key:secret`, with `***`. A secret shorter than MIN_SECRET_LENGTH is masked where it stands alone.
 * Used on every string that the server or the network hands back.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of withPairs(secrets)) {
		for (const form of formsOf(secret)) {
			const pattern =
				secret.length < MIN_SECRET_LENGTH
					? `(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`
					: escapeRegExp(form);
			out = out.replace(new RegExp(pattern, form.includes('%') ? 'gi' : 'g'), MASK);
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
