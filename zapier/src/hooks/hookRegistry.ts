import { randomUUID } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { withLock } from '../cache/cacheLock.js';
import { getForConnection, setForConnection } from '../cache/connectionCache.js';
import { connectionDigest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';

/*
 * The hook URLs of the "Interaction Lookup Completed" Zaps that are on, per connection. Nyne sends each
 * lookup's result to one address, so a lookup started with "Start Interaction Lookup" goes to the Zap
 * turned on most recently; turning it off hands lookups back to the one before.
 */

/** More instant Zaps than this on one connection: the oldest registrations are forgotten. */
const MAX_HOOKS = 25;
const LOCK = { attempts: 20, retryMs: 250 };
/** A Start step only renews the registry when the lock is free at once: it must not wait on a Zap being turned on or off. */
const RENEW_LOCK = { attempts: 1, retryMs: 0 };

const registrationSchema = zod.object({
	id: zod.string().min(1),
	url: zod.string().url(),
	registered_at: zod.string(),
});
export type HookRegistration = zod.infer<typeof registrationSchema>;
interface Registry {
	v: 1;
	hooks: HookRegistration[];
}

const registryKey = (bundle: Bundle) => `nyne-hooks:${connectionDigest(bundle)}`;

/** The stored registry; an unreadable entry is dropped on its own, so it cannot unregister the others. */
async function readRegistry(z: ZObject, key: string): Promise<Registry> {
	const stored = (await getForConnection(z, key)) as { hooks?: unknown } | null;
	const entries = Array.isArray(stored?.hooks) ? (stored.hooks as unknown[]) : [];
	const hooks = entries.flatMap((entry) => {
		const parsed = registrationSchema.safeParse(entry);
		return parsed.success ? [parsed.data] : [];
	});
	return { v: 1, hooks: hooks.slice(-MAX_HOOKS) };
}

/** Runs `change` on the registry under its lock, so two Zaps turned on at once both stay registered. */
async function updateRegistry(
	z: ZObject,
	bundle: Bundle,
	change: (hooks: HookRegistration[]) => HookRegistration[],
): Promise<void> {
	const key = registryKey(bundle);
	const done = await withLock(
		z,
		key,
		async () => {
			const registry = await readRegistry(z, key);
			const hooks = change(registry.hooks).slice(-MAX_HOOKS);
			await setForConnection(z, key, { v: 1, hooks } satisfies Registry, STATE_TTL_SECONDS);
		},
		LOCK,
	);
	if (done) return;
	throw new z.errors.Error(
		'Another Nyne Zap on this connection is being turned on or off right now. Try again in a moment.',
		'hook_registry_busy',
		409,
	);
}

export async function registerHook(
	z: ZObject,
	bundle: Bundle,
	url: string,
	now: number,
): Promise<HookRegistration> {
	const registration = { id: randomUUID(), url, registered_at: new Date(now).toISOString() };
	await updateRegistry(z, bundle, (hooks) => [
		...hooks.filter((hook) => hook.url !== url),
		registration,
	]);
	return registration;
}

export async function unregisterHook(z: ZObject, bundle: Bundle, id: string): Promise<void> {
	await updateRegistry(z, bundle, (hooks) => hooks.filter((hook) => hook.id !== id));
}

/**
 * The hook URL lookups on this connection report to: the instant Zap turned on most recently, if any.
 * Each use renews the registration (so it lives as long as lookups are started), but only under the
 * lock and from a reading taken under it: a Zap turned off meanwhile stays off.
 */
export async function currentHookUrl(z: ZObject, bundle: Bundle): Promise<string | undefined> {
	const key = registryKey(bundle);
	const renewed = await withLock(
		z,
		key,
		async () => {
			const registry = await readRegistry(z, key);
			if (registry.hooks.length > 0) await setForConnection(z, key, registry, STATE_TTL_SECONDS);
			return registry.hooks.at(-1)?.url;
		},
		RENEW_LOCK,
	);
	if (renewed) return renewed.value;
	// The registry is being changed right now: its current reading, not renewed.
	return (await readRegistry(z, key)).hooks.at(-1)?.url;
}
