import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { HANG, startLoopbackServer } from '../core/loopbackServer';

/** A JSON body as `JSON.parse` types it: the tests read any field of it. */
export type JsonBody = ReturnType<typeof JSON.parse>;

export interface Answer {
	status: number;
	headers: Headers;
	body: JsonBody;
}

export const FAST: SandboxOptions = { timeScale: 0.001 };

/** What `stopAll` closes: every sandbox `start`ed and every receiver `listen`ed to since the last call. */
const running = new Set<{ close(): Promise<void> }>();

export async function start(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = await startSandbox({ ...FAST, ...options });
	running.add(sandbox);
	return sandbox;
}

export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((s) => s.close()));
	running.clear();
}

export const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A call to a control endpoint, `/__sandbox/<path>`, as sent (POST unless told). */
export async function controlCall(
	sandbox: { url: string },
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
	const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method: init.method ?? 'POST',
		headers: init.headers,
		body: init.body,
	});
	return {
		status: res.status,
		body: (await res.json()) as { success: boolean; data: JsonBody; error?: { code: string } },
	};
}

/** A control call as a script makes it: a JSON body, if any. */
export function control(
	sandbox: { url: string },
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
) {
	return controlCall(sandbox, path, {
		method,
		headers: JSON_HEADERS,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

export function authHeaders(sandbox: {
	apiKey: string;
	apiSecret: string;
}): Record<string, string> {
	return { 'X-API-Key': sandbox.apiKey, 'X-API-Secret': sandbox.apiSecret };
}

export async function call(
	sandbox: Sandbox,
	method: 'GET' | 'POST',
	path: string,
	options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const headers = options.headers ?? authHeaders(sandbox);
	const body =
		options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const res = await fetch(sandbox.url + path, {
		method,
		headers: body ? { 'Content-Type': 'application/json', ...headers } : headers,
		body,
	});
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// left as text: some faults answer HTML or truncated JSON on purpose
	}
	return { status: res.status, headers: res.headers, body: parsed };
}

export function submit(
	sandbox: Sandbox,
	body: Record<string, unknown>,
	headers?: Record<string, string>,
): Promise<Answer> {
	return call(sandbox, 'POST', '/person/interactions', { body, headers });
}

export function getRequest(sandbox: Sandbox, requestId: string): Promise<Answer> {
	return call(sandbox, 'GET', `/person/interactions?request_id=${encodeURIComponent(requestId)}`);
}

export async function submitOk(sandbox: Sandbox, body: Record<string, unknown>): Promise<string> {
	const answer = await submit(sandbox, body);
	if (answer.status !== 202)
		throw new Error(`submit answered ${answer.status}: ${JSON.stringify(answer.body)}`);
	return answer.body.data.request_id as string;
}

export async function waitFor<T>(
	probe: () => Promise<T | undefined> | T | undefined,
	what = 'condition',
	limitMs = 10_000,
): Promise<T> {
	const deadline = Date.now() + limitMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

export async function waitForEnd(sandbox: Sandbox, requestId: string): Promise<Answer> {
	return waitFor(async () => {
		const answer = await getRequest(sandbox, requestId);
		return answer.status === 200 && ['completed', 'failed'].includes(answer.body.data.status)
			? answer
			: undefined;
	}, `end of ${requestId}`);
}

export interface Received {
	body: JsonBody;
	path: string;
	contentType?: string;
	status: number;
}

/** A loopback callback receiver (closed by `stopAll`); `answer` picks the status for the n-th request (0-based). */
export async function listen(
	answer: (n: number) => number | typeof HANG = () => 200,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server = await startLoopbackServer(({ target, headers, body }) => {
		const status = answer(received.length);
		received.push({
			body: body as JsonBody,
			path: target,
			contentType: headers['content-type'],
			status: status === HANG ? 0 : status,
		});
		return status === HANG ? HANG : { status };
	});
	running.add(server);
	return { url: `${server.url}/hook`, received, close: server.close };
}

export const PROFILE = 'https://twitter.com/elonmusk';
export const POST = 'https://x.com/elonmusk/status/1234567890';
