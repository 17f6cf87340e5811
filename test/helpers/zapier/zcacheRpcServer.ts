import { createRequire } from 'node:module';
import { jsonAnswer, startLoopbackServer } from '../core/loopbackServer';

/**
 * A loopback stand-in for Zapier's RPC endpoint with z.cache semantics as Zapier documents them:
 * `set` with `nx` writes only when the key is absent and answers false otherwise, and `scope` decides who
 * shares an entry: none, every user of the integration; `['user']`, one Zapier user; `['auth']`, one
 * connection (both: that user's connection). Zapier knows who calls from the step's token; here each
 * identity calls its own URL (`urlAs`). The app tester's own cache mock ignores `nx` and `scope`, so
 * concurrency and isolation need this one.
 */
export interface ZcacheRpcServer {
	/** The RPC URL of one Zapier user on one connection (user `u1`, connection `a1`). */
	url: string;
	/** The RPC URL of Zapier user `user` running a step on connection `auth`. */
	urlAs(identity: { user: string; auth: string }): string;
	/** Every stored entry by its key, whatever its scope (for checks on what is stored). */
	readonly entries: Map<string, string>;
	/** The entries of one scope: `app`, `user:<id>`, `auth:<id>` or `user:<id>|auth:<id>`. */
	scopeEntries(tag: string): Map<string, string>;
	/**
	 * Every entry as one live object, whatever its scope: reading, writing and deleting a key reach the store that
	 * holds it (a new key goes to `app`), for tests that corrupt what the app stored.
	 */
	live(): Record<string, string>;
	/** Empties every scope, as for a new account (or a cache Zapier lost). */
	clear(): void;
	/** Until replaced, each call `hold` answers a promise for is carried out, but answered only once that promise settles. */
	hold(hold: HoldCall | undefined): void;
	/** Resolves at the next `nx` write refused because the key was there (a lock someone holds). */
	lockRefused(): Promise<void>;
	close(): Promise<void>;
}

type CacheMethod = 'zcache_get' | 'zcache_set' | 'zcache_delete';
export type HoldCall = (method: CacheMethod, key: string) => Promise<void> | undefined;

/** Stand-ins open in this process; the deploy key they need stays set while one is. */
let openServers = 0;

/** Which store a call reaches: the scope's tag for the calling identity. */
function scopeTag(scope: unknown, identity: { user: string; auth: string }): string {
	const names = Array.isArray(scope) ? scope : [];
	const parts = [
		...(names.includes('user') ? [`user:${identity.user}`] : []),
		...(names.includes('auth') ? [`auth:${identity.auth}`] : []),
	];
	return parts.length === 0 ? 'app' : parts.join('|');
}

export async function startZcacheRpcServer(
	options: {
		/** Calls it matches answer 500, as when Zapier's cache is down. */
		fails?: (method: CacheMethod, key: string, value: string | null) => boolean;
	} = {},
): Promise<ZcacheRpcServer> {
	const stores = new Map<string, Map<string, string>>();
	const storeFor = (tag: string) => {
		let store = stores.get(tag);
		if (!store) stores.set(tag, (store = new Map()));
		return store;
	};
	let hold: HoldCall | undefined;
	const refusalWaiters: Array<() => void> = [];
	const server = await startLoopbackServer(async ({ target, body }) => {
		const who = /^\/as\/([^/]+)\/([^/]+)\//.exec(target);
		const identity = { user: who?.[1] ?? 'u1', auth: who?.[2] ?? 'a1' };
		const call = body as { id: string; method: string; params: unknown[] };
		const method = call.method as CacheMethod;
		const [key, second, , setScope, nx] = call.params as [
			string,
			unknown,
			number | null,
			unknown,
			boolean | null,
		];
		// get and delete send (key, scope); set sends (key, value, ttl, scope, nx).
		const value = method === 'zcache_set' ? ((second as string | null) ?? 'null') : null;
		if (options.fails?.(method, key, value)) return { status: 500 };
		const store = storeFor(scopeTag(method === 'zcache_set' ? setScope : second, identity));
		let result: unknown = null;
		if (method === 'zcache_get') result = store.get(key) ?? null;
		else if (method === 'zcache_set') {
			result = !(nx === true && store.has(key));
			if (result) store.set(key, value ?? 'null');
			else for (const waiter of refusalWaiters.splice(0)) waiter();
		} else if (method === 'zcache_delete') result = store.delete(key);
		// The call is carried out at once; only its answer waits, as a slow network would make it.
		await hold?.(method, key);
		return jsonAnswer({ id: call.id, result });
	});
	// The RPC client needs a token or deploy key; an event token would also send logs to Zapier, a deploy key does not.
	process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key';
	openServers += 1;
	const holding = (key: string) => [...stores.values()].find((store) => store.has(key));
	const urlAs = ({ user, auth }: { user: string; auth: string }) =>
		`${server.url}/as/${encodeURIComponent(user)}/${encodeURIComponent(auth)}/platform/rpc/cli`;
	return {
		url: urlAs({ user: 'u1', auth: 'a1' }),
		urlAs,
		get entries() {
			return new Map([...stores.values()].flatMap((store) => [...store]));
		},
		scopeEntries: (tag) => new Map(stores.get(tag) ?? []),
		live: () =>
			new Proxy({} as Record<string, string>, {
				get: (_, key) => (typeof key === 'string' ? holding(key)?.get(key) : undefined),
				set: (_, key, value) => {
					if (typeof key !== 'string') return false;
					(holding(key) ?? storeFor('app')).set(key, String(value));
					return true;
				},
				deleteProperty: (_, key) => typeof key === 'string' && holding(key)?.delete(key) === true,
				has: (_, key) => typeof key === 'string' && holding(key) !== undefined,
				ownKeys: () => [...new Set([...stores.values()].flatMap((store) => [...store.keys()]))],
				getOwnPropertyDescriptor: (_, key) => {
					const value = typeof key === 'string' ? holding(key)?.get(key) : undefined;
					return value === undefined
						? undefined
						: { value, writable: true, enumerable: true, configurable: true };
				},
			}),
		clear: () => stores.clear(),
		hold: (next) => {
			hold = next;
		},
		lockRefused: () => new Promise<void>((resolve) => refusalWaiters.push(resolve)),
		close: () => {
			openServers -= 1;
			if (openServers === 0) delete process.env.ZAPIER_DEPLOY_KEY;
			return server.close();
		},
	};
}

const requireFromApp = createRequire(new URL('../../../zapier/package.json', import.meta.url));
const createLambdaHandler = requireFromApp(
	'zapier-platform-core/src/tools/create-lambda-handler',
) as (app: object) => (event: object) => Promise<{ results: unknown }>;

/** Runs an app method as Zapier does, with z.cache going over HTTP to `rpcUrl` instead of the app tester's mock. */
export async function invokeWithZcache(
	app: object,
	method: string,
	bundle: object,
	rpcUrl: string,
): Promise<unknown> {
	const response = await createLambdaHandler(app)({
		command: 'execute',
		method,
		bundle,
		rpc_base: rpcUrl,
	});
	return response.results;
}
