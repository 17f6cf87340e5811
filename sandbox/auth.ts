import type { IncomingMessage } from 'node:http';
import { fail, type ApiAnswer } from './envelope';
import type { SandboxKey } from './types';

export type AuthOutcome = { ok: true; key: SandboxKey } | { ok: false; answer: ApiAnswer };

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Header auth (X-API-Key / X-API-Secret, any case) or query auth (api_key / api_secret). */
export function authenticate(req: IncomingMessage, query: URLSearchParams, keys: SandboxKey[]): AuthOutcome {
	const apiKey = header(req, 'x-api-key') ?? query.get('api_key') ?? undefined;
	const apiSecret = header(req, 'x-api-secret') ?? query.get('api_secret') ?? undefined;
	if (!apiKey || !apiSecret) {
		return {
			ok: false,
			answer: fail(401, 'missing_credentials', 'API key and secret are required. Send X-API-Key and X-API-Secret headers.'),
		};
	}
	const key = keys.find((k) => k.apiKey === apiKey && k.apiSecret === apiSecret);
	if (!key) {
		return { ok: false, answer: fail(401, 'invalid_credentials', 'Invalid API key or secret.') };
	}
	if (key.expired) {
		return { ok: false, answer: fail(401, 'api_key_expired', 'API key has expired. Please renew your API key.') };
	}
	return { ok: true, key };
}

function normalizeIp(ip: string | undefined): string {
	if (!ip) return '';
	return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** 403 checks that hold for the key as a whole (not the per-request credit check). */
export function authorize(req: IncomingMessage, key: SandboxKey, endpoint: 'interactions' | 'usage'): ApiAnswer | undefined {
	if (key.allowedIps && key.allowedIps.length > 0) {
		const ip = normalizeIp(req.socket.remoteAddress);
		if (!key.allowedIps.map(normalizeIp).includes(ip)) {
			return fail(403, 'ip_not_allowed', `Request IP address ${ip} is not in the allowed list for this API key.`);
		}
	}
	if (key.accessDenied) return fail(403, 'access_denied', 'Access denied to this resource.');
	if (endpoint === 'usage') return undefined;
	if (key.subscription === 'none') {
		return fail(403, 'no_active_subscription', 'No active subscription found for this API key.');
	}
	if (key.subscription === 'no_feature') {
		return fail(403, 'subscription_required', 'Your subscription does not include access to the Person Interactions API.');
	}
	return undefined;
}

export function isLoopback(address: string | undefined): boolean {
	const ip = normalizeIp(address);
	return ip === '::1' || ip.startsWith('127.');
}
