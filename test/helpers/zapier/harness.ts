import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';

import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { SandboxKey, SandboxOptions } from '../../../sandbox/types';
import { OK_JSON, startLoopbackServer } from '../core/loopbackServer';
import { useSandbox as useSandboxFor } from '../sandbox/sandboxFixture';
import { startZcacheRpcServer, type ZcacheRpcServer } from './zcacheRpcServer';

import type * as ZapierCore from '../../../zapier/node_modules/zapier-platform-core';
import App from '../../../zapier/src/index';

/**
 * zapier-platform-core patches node's http/https once per process to log non-z.request traffic, and
 * its patch turns `http.request(url, options)` into a body-less GET. In Zapier the app is alone in
 * its process; here the sandbox shares it and posts callbacks that way, so mark the modules as
 * already patched. The app itself makes every call with z.request.
 */
for (const module of [http, https] as Array<{ patchedByZapier?: boolean }>)
	module.patchedByZapier = true;

/** zapier-platform-core as the app itself loads it (it lives in zapier/node_modules, not the root's). */
const requireFromApp = createRequire(new URL('../../../zapier/package.json', import.meta.url));
const zapier = requireFromApp('zapier-platform-core') as typeof ZapierCore;
const createLambdaHandler = requireFromApp(
	'zapier-platform-core/src/tools/create-lambda-handler',
) as (app: object) => (event: object) => Promise<{ results: unknown }>;

const resolveMethodPath = requireFromApp('zapier-platform-core/src/tools/resolve-method-path') as (
	app: object,
	method: unknown,
	strict?: boolean,
) => string | undefined;
const { shouldPaginate } = requireFromApp('zapier-platform-core/src/tools/should-paginate') as {
	shouldPaginate: (app: object, method: string) => boolean;
};

export { App, zapier };

const handler = createLambdaHandler(App);
/** Paging keys per process, as createAppTester makes them. */
const TEST_SEED = Math.random().toString(36).slice(2);

/**
 * The app's z.cache for every Zapier test: a stand-in for Zapier's RPC endpoint that honours `scope` and `nx`
 * (the app tester's own mock ignores both, so a record written for one connection and read without a scope
 * passed there and failed on Zapier). Steps run as Zapier user `u1` on connection `a1`; one stand-in per test
 * file, started at the first step and kept for the file, as Zapier keeps one cache for the app.
 */
let appCacheServer: Promise<ZcacheRpcServer> | undefined;
const appCacheRpc = (): Promise<ZcacheRpcServer> => (appCacheServer ??= startZcacheRpcServer());
afterAll(async () => {
	await (await appCacheServer)?.close();
	appCacheServer = undefined;
});

/** The RPC URL steps reach z.cache at, for runners that build Zapier's event themselves. */
export async function appCacheUrl(): Promise<string> {
	return (await appCacheRpc()).url;
}

/**
 * Runs a method of the app as zapier-platform-core's createAppTester does (same event, same paging key), with
 * z.cache going to the file's scope-honouring stand-in; `clearCacheBeforeUse` empties it first.
 */
export async function appTester(
	methodOrFunc: unknown,
	bundle: object = {},
	clearCacheBeforeUse = false,
): Promise<unknown> {
	const rpc = await appCacheRpc();
	if (clearCacheBeforeUse) rpc.clear();
	const appRaw = App as unknown as { _testRequest?: unknown };
	let method = resolveMethodPath(App, methodOrFunc, false);
	if (!method && typeof methodOrFunc === 'function') {
		appRaw._testRequest = (z: unknown, b: unknown) =>
			(methodOrFunc as (z: unknown, b: unknown) => unknown)(z, b);
		method = resolveMethodPath(App, appRaw._testRequest);
	}
	if (!method) throw new Error(`the app has no ${JSON.stringify(methodOrFunc)}`);
	const { results } = await handler({
		command: 'execute',
		method,
		bundle,
		storeKey: shouldPaginate(App, method) ? `testKey-${method}-${TEST_SEED}` : null,
		callback_url: 'https://auth-json-server.zapier-staging.com/echo',
		rpc_base: rpc.url,
	});
	delete appRaw._testRequest;
	return results;
}

/** The app's z.cache entries as stored (JSON text by key, whatever the scope), for tests that corrupt them. */
export async function appCache(): Promise<Record<string, string>> {
	return (await appCacheRpc()).live();
}

/** Empties the app's z.cache, as for a new account (or a cache Zapier lost). */
export async function clearAppCache(): Promise<void> {
	(await appCacheRpc()).clear();
}

/** A step's perform as a function: the schema types each one as a function or a request template (or optional). */
export function performOf<F extends (...args: never[]) => unknown>(
	perform: F | ZapierCore.Request | undefined,
): F {
	if (typeof perform !== 'function')
		throw new Error('expected a perform function, not a request template or nothing');
	return perform;
}

/** Distinctive credentials, so a test can prove they never leak into an output or an error. */
export const KEY = 'zk_live_K3Y_should_never_leak_7f3a9c';
export const SECRET = 'zs_S3CRET_should_never_leak_9b8e2d';

export const authFor = (sandboxUrl: string, apiKey = KEY, apiSecret = SECRET) => ({
	api_key: apiKey,
	api_secret: apiSecret,
	base_url: sandboxUrl,
});

/**
 * Runs an app method the way Zapier runs a callback step: `z.generateCallbackUrl()` returns
 * `callbackUrl` (createAppTester always hands out a fixed public URL, which the sandbox refuses).
 */
export async function invokeWithCallbackUrl(
	method: string,
	bundle: object,
	callbackUrl: string,
): Promise<unknown> {
	// The same z.cache as appTester's, so steps run either way see one connection's app state.
	const response = await handler({
		command: 'execute',
		method,
		bundle,
		callback_url: callbackUrl,
		rpc_base: await appCacheUrl(),
	});
	return response.results;
}

export interface CallbackListener {
	url: string;
	/** Resolves with the first JSON body POSTed to the listener. */
	nextBody(timeoutMs?: number): Promise<unknown>;
	/** Bodies that arrived and were not yet taken with nextBody. */
	waiting(): number;
	close(): Promise<void>;
}

/** A loopback HTTP listener standing in for Zapier's hook / callback URL. */
export async function startCallbackListener(): Promise<CallbackListener> {
	const bodies: unknown[] = [];
	const waiters: Array<(body: unknown) => void> = [];
	const server = await startLoopbackServer(({ body }) => {
		const waiter = waiters.shift();
		if (waiter) waiter(body);
		else bodies.push(body);
		return OK_JSON;
	});
	return {
		url: `${server.url}/hooks/catch/123/abc/`,
		nextBody(timeoutMs = 20_000) {
			if (bodies.length > 0) return Promise.resolve(bodies.shift());
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('no callback arrived')), timeoutMs);
				waiters.push((body) => {
					clearTimeout(timer);
					resolve(body);
				});
			});
		},
		waiting: () => bodies.length,
		close: server.close,
	};
}

export interface SandboxEnv {
	/** A sandbox that accepts KEY/SECRET, reset before each test. */
	readonly sandbox: Sandbox;
}

/**
 * Registers the hooks of a file that needs a sandbox on a 1000x clock, accepting KEY/SECRET and `extraKeys`;
 * it is there once beforeAll ran.
 */
export function useSandbox(
	options: Omit<SandboxOptions, 'keys'> & { extraKeys?: SandboxKey[] } = {},
): SandboxEnv {
	const { extraKeys = [], ...rest } = options;
	return useSandboxFor({
		timeScale: 0.001,
		...rest,
		keys: [{ apiKey: KEY, apiSecret: SECRET }, ...extraKeys],
	});
}

/** Runs `use` against a sandbox of its own (accepting KEY/SECRET, on a 1000x clock unless told), then closes it. */
export async function withSandbox<T>(
	options: Omit<SandboxOptions, 'keys'>,
	use: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
	const sandbox = await startSandbox({
		timeScale: 0.001,
		...options,
		keys: [{ apiKey: KEY, apiSecret: SECRET }],
	});
	try {
		return await use(sandbox);
	} finally {
		await sandbox.close();
	}
}

export interface SandboxWithListener extends SandboxEnv {
	readonly listener: CallbackListener;
}

/** Registers the hooks of a file that needs a sandbox and a callback listener; both are there once beforeAll ran. */
export function useSandboxWithListener(): SandboxWithListener {
	const env = useSandbox();
	let listener: CallbackListener | undefined;
	beforeAll(async () => {
		listener = await startCallbackListener();
	});
	afterAll(() => listener?.close());
	return {
		get sandbox() {
			return env.sandbox;
		},
		get listener() {
			if (!listener) throw new Error('the callback listener starts in beforeAll');
			return listener;
		},
	};
}

/** Everything the app showed: output and error text, serialised, for secret checks. */
export function expectNoSecrets(value: unknown): void {
	const text =
		typeof value === 'string'
			? value
			: JSON.stringify(value, Object.getOwnPropertyNames(value ?? {}));
	for (const secret of [KEY, SECRET]) {
		if (text.includes(secret)) throw new Error(`a credential leaked into: ${text.slice(0, 200)}`);
	}
}

/** The rejection of `promise`, failing the test if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail, but it succeeded');
}

/** The text a person sees: z.errors.Error and ThrottledError carry JSON in `message`. */
export function shownMessage(error: Error): string {
	try {
		const parsed = JSON.parse(error.message) as { message?: unknown };
		return typeof parsed.message === 'string' ? parsed.message : error.message;
	} catch {
		return error.message;
	}
}
