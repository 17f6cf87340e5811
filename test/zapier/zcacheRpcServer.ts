import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Zapier's RPC endpoint with z.cache semantics as Zapier documents them:
 * `set` with `nx` writes only when the key is absent and answers false otherwise. The app tester's
 * own cache mock ignores `nx`, so concurrency needs this one.
 */
export interface ZcacheRpcServer {
	url: string;
	entries: Map<string, string>;
	close(): Promise<void>;
}

export async function startZcacheRpcServer(
	options: {
		/** Calls it matches answer 500, as when Zapier's cache is down. */
		fails?: (
			method: 'zcache_get' | 'zcache_set' | 'zcache_delete',
			key: string,
			value: string | null,
		) => boolean;
	} = {},
): Promise<ZcacheRpcServer> {
	const entries = new Map<string, string>();
	const server = createServer((req, res) => {
		void readJson(req).then((call) => {
			const [key, value, , , nx] = call.params as [
				string,
				string | null,
				number | null,
				unknown,
				boolean | null,
			];
			if (options.fails?.(call.method as 'zcache_get', key, value)) {
				res.writeHead(500).end();
				return;
			}
			let result: unknown = null;
			if (call.method === 'zcache_get') result = entries.get(key) ?? null;
			else if (call.method === 'zcache_set') {
				result = !(nx === true && entries.has(key));
				if (result) entries.set(key, value ?? 'null');
			} else if (call.method === 'zcache_delete') result = entries.delete(key);
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ id: call.id, result }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	// The RPC client needs a token or deploy key; an event token would also send logs to Zapier, a deploy key does not.
	process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key';
	return {
		url: `http://127.0.0.1:${port}/platform/rpc/cli`,
		entries,
		close: () =>
			new Promise<void>((resolve) => {
				delete process.env.ZAPIER_DEPLOY_KEY;
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function readJson(
	req: IncomingMessage,
): Promise<{ id: string; method: string; params: unknown[] }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () =>
			resolve(
				JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
					id: string;
					method: string;
					params: unknown[];
				},
			),
		);
		req.on('error', reject);
	});
}

const requireFromApp = createRequire(new URL('../../zapier/package.json', import.meta.url));
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
