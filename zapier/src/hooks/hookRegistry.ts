import { randomUUID } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { tryLock } from '../cache/cacheLock.js';
import { connectionDigest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';
import { sleep } from '../client.js';

/*
 * The hook URLs of the "Interaction Lookup Completed" Zaps that are on, per connection. Nyne sends each
 * lookup's result to one address, so a lookup started with "Start Interaction Lookup" goes to the Zap
 * turned on most recently; turning it off hands lookups back to the one before.
 */

/** More instant Zaps than this on one connection: the oldest registrations are forgotten. */
const MAX_HOOKS = 25;
const LOCK_ATTEMPTS = 20;
const LOCK_RETRY_MS = 250;

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
	const stored = (await z.cache.get(key)) as { hooks?: unknown } | null;
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
	for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt += 1) {
		const release = await tryLock(z, key);
		if (!release) {
			await sleep(LOCK_RETRY_MS);
			continue;
		}
		try {
			const registry = await readRegistry(z, key);
			const hooks = change(registry.hooks).slice(-MAX_HOOKS);
			await z.cache.set(key, { v: 1, hooks } satisfies Registry, STATE_TTL_SECONDS);
			return;
		} finally {
			await release();
		}
	}
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

/** The hook URL lookups on this connection report to: the instant Zap turned on most recently, if any. */
export async function currentHookUrl(z: ZObject, bundle: Bundle): Promise<string | undefined> {
	const key = registryKey(bundle);
	const registry = await readRegistry(z, key);
	const latest = registry.hooks.at(-1);
	// Each use keeps the registration alive as long as lookups are started.
	if (latest) await z.cache.set(key, registry, STATE_TTL_SECONDS);
	return latest?.url;
}
