import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CaughtCall {
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** A loopback HTTP listener standing in for n8n's /webhook-waiting endpoint: it records what Nyne posts. */
export async function startCallbackCatcher(): Promise<{ url: string; calls: CaughtCall[]; next(): Promise<CaughtCall>; close(): Promise<void> }> {
	const calls: CaughtCall[] = [];
	const waiters: Array<(call: CaughtCall) => void> = [];
	const server = createServer((request, response) => {
		let raw = '';
		request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			const call: CaughtCall = { path: url.pathname, query: Object.fromEntries(url.searchParams), body: raw ? (JSON.parse(raw) as unknown) : undefined };
			calls.push(call);
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			waiters.shift()?.(call);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook-waiting`,
		calls,
		next: async () => (calls.length > waiters.length ? calls[calls.length - 1] : await new Promise<CaughtCall>((resolve) => waiters.push(resolve))),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
