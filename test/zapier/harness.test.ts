// The shared Zapier harness runs every step against a z.cache that behaves as Zapier's does (design: `scope`
// decides who shares an entry, `nx` writes only when the key is absent), not the app tester's mock, which ignores
// both: a scope bug such as a record written for the connection and read without a scope must fail here too.
import { describe, expect, it } from 'vitest';
import type { ZObject } from 'zapier-platform-core';

import { appCache, appTester, clearAppCache } from '../helpers/zapier/harness';

/** z.cache as zapier-platform-core runs it: get and delete take a scope too, though its types list one only for set. */
interface ZCache {
	get(key: string, scope?: string[]): Promise<unknown>;
	set(key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean): Promise<boolean>;
	delete(key: string, scope?: string[]): Promise<boolean>;
}
type CacheStep = (z: { cache: ZCache }) => Promise<unknown>;
const run = async (step: CacheStep) =>
	await appTester((z: ZObject) => step(z as unknown as { cache: ZCache }), {});

describe("the harness's z.cache", () => {
	it("keeps an ['auth'] entry from a read without a scope, and a shared entry from an ['auth'] read", async () => {
		await clearAppCache();
		await run(async (z) => await z.cache.set('per-connection', 'mine', 60, ['auth']));
		await run(async (z) => await z.cache.set('for-everyone', 'ours', 60));
		expect(
			await run(async (z) => [
				await z.cache.get('per-connection'),
				await z.cache.get('per-connection', ['auth']),
				await z.cache.get('for-everyone', ['auth']),
				await z.cache.get('for-everyone'),
			]),
		).toEqual([null, 'mine', null, 'ours']);
		// A delete without the scope misses the connection's entry too.
		await run(async (z) => await z.cache.delete('per-connection'));
		expect(await run(async (z) => await z.cache.get('per-connection', ['auth']))).toBe('mine');
	});

	it('writes with nx only when the key is absent, and says whether it wrote', async () => {
		await clearAppCache();
		const first = await run(async (z) => await z.cache.set('lock', 'first', 60, ['auth'], true));
		const second = await run(async (z) => await z.cache.set('lock', 'second', 60, ['auth'], true));
		expect([first, second]).toEqual([true, false]);
		expect(await run(async (z) => await z.cache.get('lock', ['auth']))).toBe('first');
		expect(Object.keys(await appCache())).toEqual(['lock']);
	});
});
