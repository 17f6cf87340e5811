import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_ROUTES, handleApi } from './api';
import { isLoopback } from './auth';
import { handleControl } from './control';
import type { SandboxCore } from './core';
import { fail, writeAnswer, type ApiAnswer } from './envelope';
import { oddResult } from './oddResult';
import { headerSeconds } from './timers';
import type { Fault } from './types';

export const MAX_BODY_BYTES = 1_000_000;

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES (the rest is read and thrown away). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
		);
		req.on('error', reject);
	});
}

/** The URL as it may be logged: neither the key nor the secret appears. */
function loggablePath(url: URL): string {
	const query = new URLSearchParams(url.searchParams);
	for (const name of ['api_key', 'api_secret']) if (query.has(name)) query.set(name, '***');
	const text = query.toString();
	return text ? `${url.pathname}?${text}` : url.pathname;
}

function faultAnswer(core: SandboxCore, fault: Fault): ApiAnswer | undefined {
	switch (fault.kind) {
		case 'rate_limit': {
			const wait = headerSeconds(core.clock.realMs((fault.retryAfterSeconds ?? 1) * 1000));
			return fail(
				429,
				'rate_limit_exceeded',
				'Too many requests per minute/hour. Please slow down.',
				{
					'Retry-After': wait,
					'RateLimit-Remaining': '0',
					'RateLimit-Reset': wait,
					'X-RateLimit-Remaining': '0',
				},
			);
		}
		case 'server_error':
			// With retryAfterSeconds, a maintenance answer that says when to come back (in sandbox seconds).
			return fail(
				fault.status ?? 500,
				'internal_error',
				'An unexpected server error occurred. Please try again later.',
				fault.retryAfterSeconds === undefined
					? {}
					: { 'Retry-After': headerSeconds(core.clock.realMs(fault.retryAfterSeconds * 1000)) },
			);
		case 'early_404':
			return fail(404, 'request_not_found', 'Request ID not found.');
		default:
			return undefined;
	}
}

function send(res: ServerResponse, answer: ApiAnswer, fault: Fault | undefined): void {
	const serverErrorBody =
		fault?.kind === 'server_error'
			? (fault.body ?? (answer.status === 500 ? 'envelope' : 'html'))
			: undefined;
	if (serverErrorBody === 'html') {
		const html = `<html><head><title>${answer.status}</title></head><body><h1>${answer.status} Bad Gateway</h1></body></html>`;
		res.writeHead(answer.status, {
			...answer.headers,
			'Content-Type': 'text/html',
			'Content-Length': Buffer.byteLength(html),
		});
		res.end(html);
	} else if (serverErrorBody === 'empty') {
		res.writeHead(answer.status, { ...answer.headers, 'Content-Length': 0 });
		res.end();
	} else if (fault?.kind === 'malformed_json') {
		const text = JSON.stringify(answer.body);
		const truncated = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
		res.writeHead(answer.status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': Buffer.byteLength(truncated),
			...answer.headers,
		});
		res.end(truncated);
	} else {
		writeAnswer(res, answer);
	}
}

export function createHandler(
	core: SandboxCore,
): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		handle(core, req, res).catch((error: unknown) => {
			core.log(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
			if (!res.headersSent)
				writeAnswer(res, fail(500, 'internal_error', 'An unexpected server error occurred.'));
			else res.destroy();
		});
	};
}

async function handle(core: SandboxCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const started = Date.now();
	const method = req.method ?? 'GET';
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
	url.pathname = path;
	const bodyText = await readBody(req);
	if (bodyText === undefined)
		return writeAnswer(
			res,
			fail(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
		);

	const foreignHost = refuseForeignHost(req);
	if (foreignHost) return writeAnswer(res, foreignHost);
	if (path.startsWith('/__sandbox/')) {
		const refusal = isLoopback(req.socket.remoteAddress)
			? refuseBrowser(req, method, 'control')
			: fail(403, 'access_denied', 'Sandbox control answers on loopback only.');
		writeAnswer(res, refusal ?? handleControl(core, method, path, bodyText));
		return;
	}
	const methods = API_ROUTES[path];
	if (!methods)
		return writeAnswer(
			res,
			fail(
				404,
				'not_found',
				`No endpoint ${path}. Endpoints: POST/GET /person/interactions, GET /usage.`,
			),
		);
	if (!methods.includes(method))
		return writeAnswer(
			res,
			fail(405, 'method_not_allowed', `${method} is not allowed on ${path}.`),
		);
	const fromBrowser = refuseBrowser(req, method, 'api');
	if (fromBrowser) return writeAnswer(res, fromBrowser);

	core.count('requests');
	core.countKey('byEndpoint', `${method} ${path}`);
	const fault = core.faults.forRequest(method, path);
	if (fault?.kind === 'slow') {
		await new Promise<void>((resolve) =>
			core.timers.after(core.clock.realMs(fault.delayMs ?? 5_000), resolve),
		);
	}
	const processed = fault?.afterProcessing
		? handleApi(core, req, method, url, bodyText)
		: undefined;
	const handled =
		(fault && faultAnswer(core, fault)) ?? processed ?? handleApi(core, req, method, url, bodyText);
	const answer = fault?.kind === 'odd_result' ? withOddResult(handled, fault) : handled;
	if (answer.status === 429) core.count('status429');
	if (answer.status >= 500) core.count('status5xx');
	const note = fault
		? ` fault=${fault.kind}${fault.afterProcessing ? ' after processing' : ''}`
		: '';
	if (fault?.kind === 'drop_connection') {
		core.log(`${method} ${loggablePath(url)} -> dropped (would be ${answer.status})${note}`);
		req.socket.destroy();
		return;
	}
	send(res, answer, fault);
	core.log(`${method} ${loggablePath(url)} -> ${answer.status} ${Date.now() - started}ms${note}`);
}

/** A completed GET answer with its result reshaped by the odd_result fault. */
function withOddResult(answer: ApiAnswer, fault: Fault): ApiAnswer {
	const body = answer.body as { data?: { result?: unknown } } | undefined;
	if (!body?.data || body.data.result === undefined) return answer;
	return {
		...answer,
		body: { ...body, data: { ...body.data, result: oddResult(body.data.result, fault) } },
	};
}

/** The names this machine's loopback goes by; the sandbox listens on 127.0.0.1 only. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Every route answers only requests addressed to the sandbox by a loopback name and its own port: a web page
 * that rebinds its own domain to 127.0.0.1 (DNS rebinding) sends its domain as Host, and is refused.
 */
function refuseForeignHost(req: IncomingMessage): ApiAnswer | undefined {
	const host = String(req.headers.host ?? '').toLowerCase();
	const port = req.socket.localPort;
	const allowed = LOOPBACK_NAMES.flatMap((name) => [
		`${name}:${port}`,
		...(port === 80 ? [name] : []),
	]);
	if (allowed.includes(host)) return undefined;
	return fail(
		421,
		'host_refused',
		`The sandbox answers requests addressed to ${allowed[0]} (or localhost) only, not to "${host.slice(0, 100)}".`,
	);
}

/** Content types a web page can POST without a CORS preflight. */
const SIMPLE_FORM_TYPES = new Set([
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data',
]);

/**
 * The sandbox is a tool for this machine, not for web pages: a page must not change it (control calls) or spend
 * its keys' credits (API calls, which accept query-string auth). Anything a browser sends carries an Origin
 * header or Sec-Fetch-Site (other than "none", a typed address), and a POST a page can send without a CORS
 * preflight is not JSON: control takes JSON only, the API refuses the form types.
 */
function refuseBrowser(
	req: IncomingMessage,
	method: string,
	routes: 'control' | 'api',
): ApiAnswer | undefined {
	const who = routes === 'control' ? 'Sandbox control' : 'The sandbox API';
	const fetchSite = req.headers['sec-fetch-site'];
	if (req.headers.origin !== undefined || (fetchSite !== undefined && fetchSite !== 'none'))
		return fail(
			403,
			'browser_refused',
			`${who} does not answer requests from a web page (${req.headers.origin !== undefined ? 'Origin' : 'Sec-Fetch-Site'} header present).`,
		);
	const type = String(req.headers['content-type'] ?? '')
		.split(';')[0]
		?.trim()
		.toLowerCase();
	const refused =
		method === 'POST' &&
		(routes === 'control' ? type !== 'application/json' : SIMPLE_FORM_TYPES.has(type ?? ''));
	if (refused) {
		return fail(
			415,
			'unsupported_media_type',
			`${who} takes POST bodies as Content-Type: application/json only.`,
		);
	}
	return undefined;
}
