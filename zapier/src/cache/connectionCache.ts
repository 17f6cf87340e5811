import type { ZObject } from 'zapier-platform-core';

/*
 * z.cache with scope ['auth']: an entry written here is visible only to steps running on the same Zapier
 * connection. Without a scope Zapier shares an entry with every user of the integration, so two
 * connections with the same API key (a team, or someone who copied a key) would see each other's state.
 * zapier-platform-core's get and delete take the scope too, though its type definitions list it only for set.
 */

const AUTH_SCOPE = ['auth'];

interface ScopedReads {
	get(key: string, scope: string[]): Promise<unknown>;
	delete(key: string, scope: string[]): Promise<boolean>;
}
const scoped = (z: ZObject) => z.cache as unknown as ScopedReads;

export function getForConnection(z: ZObject, key: string): Promise<unknown> {
	return scoped(z).get(key, AUTH_SCOPE);
}

/** Writes `value`; with `nx`, only when the key is absent (false when it was there). */
export function setForConnection(
	z: ZObject,
	key: string,
	value: unknown,
	ttlSeconds: number,
	nx?: boolean,
): Promise<boolean | null> {
	return nx === undefined
		? z.cache.set(key, value, ttlSeconds, AUTH_SCOPE)
		: z.cache.set(key, value, ttlSeconds, AUTH_SCOPE, nx);
}

export function deleteForConnection(z: ZObject, key: string): Promise<boolean> {
	return scoped(z).delete(key, AUTH_SCOPE);
}
