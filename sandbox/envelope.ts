import type { ServerResponse } from 'node:http';

export function timestamp(ms: number = Date.now()): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ApiAnswer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export function ok(status: number, data: unknown): ApiAnswer {
	return { status, body: { success: true, data, timestamp: timestamp() } };
}

export function fail(
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>,
): ApiAnswer {
	return {
		status,
		body: { success: false, error: { code, message }, timestamp: timestamp() },
		headers,
	};
}

export function writeAnswer(
	res: ServerResponse,
	answer: ApiAnswer,
	extraHeaders: Record<string, string> = {},
): void {
	const text = JSON.stringify(answer.body);
	res.writeHead(answer.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...extraHeaders,
		...answer.headers,
	});
	res.end(text);
}
