import type { IncomingMessage } from 'node:http';
import { fail, type ApiAnswer } from './envelope';
import type { ApiEdition, SandboxKey } from './types';

export type AuthOutcome = { ok: true; key: SandboxKey } | { ok: false; answer: ApiAnswer };

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

const refuse = (status: number, code: string, message: string): AuthOutcome => ({
	ok: false,
	answer: fail(status, code, message),
});

/** The reference's two codes for a missing or wrong key pair. */
function authenticateByReference(
	apiKey: string | undefined,
	apiSecret: string | undefined,
	keys: SandboxKey[],
): AuthOutcome | SandboxKey {
	if (!apiKey || !apiSecret)
		return refuse(
			401,
			'missing_credentials',
			'API key and secret are required. Send X-API-Key and X-API-Secret headers.',
		);
	return (
		keys.find((k) => k.apiKey === apiKey && k.apiSecret === apiSecret) ??
		refuse(401, 'invalid_credentials', 'Invalid API key or secret.')
	);
}

/** Today's API names which half of the pair is missing or wrong, and refuses a disabled key with 403. */
function authenticateAsToday(
	apiKey: string | undefined,
	apiSecret: string | undefined,
	keys: SandboxKey[],
): AuthOutcome | SandboxKey {
	if (!apiKey)
		return refuse(401, 'missing_api_key', 'API key is required. Send the X-API-Key header.');
	if (!apiSecret)
		return refuse(
			401,
			'missing_api_secret',
			'API secret is required. Send the X-API-Secret header.',
		);
	const byKey = keys.find((k) => k.apiKey === apiKey);
	if (!byKey) return refuse(401, 'invalid_api_key', 'Invalid API key.');
	if (byKey.apiSecret !== apiSecret)
		return refuse(401, 'invalid_api_secret', 'Invalid API secret for this API key.');
	if (byKey.disabled) return refuse(403, 'api_key_disabled', 'This API key is disabled.');
	return byKey;
}

/** Header auth (X-API-Key / X-API-Secret, any case) or query auth (api_key / api_secret). */
export function authenticate(
	req: IncomingMessage,
	query: URLSearchParams,
	keys: SandboxKey[],
	edition: ApiEdition = 'current',
): AuthOutcome {
	const apiKey = header(req, 'x-api-key') ?? query.get('api_key') ?? undefined;
	const apiSecret = header(req, 'x-api-secret') ?? query.get('api_secret') ?? undefined;
	const found = (edition === 'reference' ? authenticateByReference : authenticateAsToday)(
		apiKey,
		apiSecret,
		keys,
	);
	if ('ok' in found) return found;
	if (found.expired)
		return refuse(401, 'api_key_expired', 'API key has expired. Please renew your API key.');
	return { ok: true, key: found };
}

function normalizeIp(ip: string | undefined): string {
	if (!ip) return '';
	return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** 403 checks that hold for the key as a whole (not the per-request credit check). */
export function authorize(
	req: IncomingMessage,
	key: SandboxKey,
	endpoint: 'interactions' | 'usage',
): ApiAnswer | undefined {
	if (key.allowedIps && key.allowedIps.length > 0) {
		const ip = normalizeIp(req.socket.remoteAddress);
		if (!key.allowedIps.map(normalizeIp).includes(ip)) {
			return fail(
				403,
				'ip_not_allowed',
				`Request IP address ${ip} is not in the allowed list for this API key.`,
			);
		}
	}
	if (key.accessDenied) return fail(403, 'access_denied', 'Access denied to this resource.');
	if (endpoint === 'usage') return undefined;
	if (key.subscription === 'none') {
		return fail(403, 'no_active_subscription', 'No active subscription found for this API key.');
	}
	if (key.subscription === 'no_feature') {
		return fail(
			403,
			'subscription_required',
			'Your subscription does not include access to the Person Interactions API.',
		);
	}
	return undefined;
}

export function isLoopback(address: string | undefined): boolean {
	const ip = normalizeIp(address);
	return ip === '::1' || ip.startsWith('127.');
}
