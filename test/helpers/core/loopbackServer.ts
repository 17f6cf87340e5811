import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP call a loopback server received. */
export interface LoopbackCall {
	method: string;
	/** The request target as sent: path and query. */
	target: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	text: string;
	/** The body parsed as JSON, or the raw text when it is not JSON (undefined when empty). */
	body: unknown;
}

export interface LoopbackAnswer {
	status: number;
	body?: string;
	headers?: Record<string, string>;
}

export interface LoopbackServer {
	/** http://127.0.0.1:<port>, without a trailing slash. */
	url: string;
	close(): Promise<void>;
}

/** No answer at all: the connection stays open until the server closes. */
export const HANG = 'hang';

export type LoopbackReply = LoopbackAnswer | typeof HANG;

export const OK_JSON: LoopbackAnswer = { status: 200, body: '{"status":"ok"}' };

/** `value` as a JSON answer, 200 unless told. */
export const jsonAnswer = (value: unknown, status = 200): LoopbackAnswer => ({
	status,
	body: JSON.stringify(value),
});

/** The one loopback HTTP listener of the tests: every call read whole, then answered by `answer`. */
export async function startLoopbackServer(
	answer: (call: LoopbackCall) => LoopbackReply | Promise<LoopbackReply> = () => OK_JSON,
): Promise<LoopbackServer> {
	const server = createServer((request, response) => {
		void readCall(request)
			.then(answer)
			.then((reply) => {
				if (reply === HANG) return;
				const { status, body, headers = {} } = reply;
				response
					.writeHead(status, {
						...(body === undefined ? {} : { 'content-type': 'application/json' }),
						...headers,
					})
					.end(body ?? '');
			});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The address of a loopback port nothing listens on any more: connections to it are refused. */
export async function closedPortUrl(): Promise<string> {
	const server = await startLoopbackServer();
	await server.close();
	return server.url;
}

async function readCall(request: IncomingMessage): Promise<LoopbackCall> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	let body: unknown = text === '' ? undefined : text;
	try {
		body = JSON.parse(text) as unknown;
	} catch {
		// not JSON: the raw text
	}
	return {
		method: request.method ?? 'GET',
		target: request.url ?? '/',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: request.headers,
		text,
		body,
	};
}
