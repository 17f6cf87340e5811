import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';

import type { Sandbox } from '../../sandbox';
import { PROFILE, start, stopAll } from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

/** A raw HTTP call, so the test sets Host, Origin and Sec-Fetch-Site exactly as a browser would. */
function raw(
	sandbox: Sandbox,
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: { error?: { code: string }; data?: unknown } }> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: sandbox.port,
				path,
				method: init.method ?? 'GET',
				headers: init.headers,
			},
			(res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: JSON.parse(text) as { error?: { code: string } },
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(init.body);
	});
}

const queryAuth = (sandbox: Sandbox) =>
	`api_key=${encodeURIComponent(sandbox.apiKey)}&api_secret=${encodeURIComponent(sandbox.apiSecret)}`;
const lookupBody = JSON.stringify({ type: 'followers', social_media_url: PROFILE, max_results: 5 });

describe('the sandbox API answers this machine’s tools, not web pages', () => {
	it('refuses a cross-site text/plain POST with query-string auth, and spends nothing', async () => {
		const sb = await start();
		const answer = await raw(sb, `/person/interactions?${queryAuth(sb)}`, {
			method: 'POST',
			headers: { 'Content-Type': 'text/plain', Host: `127.0.0.1:${sb.port}` },
			body: lookupBody,
		});
		expect(answer.status).toBe(415);
		expect(sb.control.stats().submissions).toBe(0);
	});

	it.each([
		['an Origin header', { Origin: 'https://evil.example' }],
		['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
		['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
	])('refuses an API call with %s', async (_what, browserHeaders) => {
		const sb = await start();
		const answer = await raw(sb, `/usage?${queryAuth(sb)}`, { headers: browserHeaders });
		expect(answer.status).toBe(403);
		expect(answer.body.error?.code).toBe('browser_refused');
		const post = await raw(sb, `/person/interactions?${queryAuth(sb)}`, {
			method: 'POST',
			headers: { ...browserHeaders, 'Content-Type': 'application/json' },
			body: lookupBody,
		});
		expect(post.status).toBe(403);
		expect(sb.control.stats().submissions).toBe(0);
	});

	it('still answers a JSON POST and a GET from a script or curl', async () => {
		const sb = await start();
		const posted = await raw(sb, `/person/interactions?${queryAuth(sb)}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: lookupBody,
		});
		expect(posted.status).toBe(202);
		expect(
			(await raw(sb, `/usage?${queryAuth(sb)}`, { headers: { 'Sec-Fetch-Site': 'none' } })).status,
		).toBe(200);
	});
});

describe('every route checks the Host header (DNS rebinding)', () => {
	it('a foreign Host with no Origin gets no resume tokens from /__sandbox/callbacks and no API answer', async () => {
		const sb = await start();
		const rebound = { Host: `attacker.example:${sb.port}` };
		const callbacks = await raw(sb, '/__sandbox/callbacks', { headers: rebound });
		expect(callbacks.status).toBe(421);
		expect(callbacks.body.data).toBeUndefined();
		expect((await raw(sb, `/usage?${queryAuth(sb)}`, { headers: rebound })).status).toBe(421);
		expect((await raw(sb, '/__sandbox/stats', { headers: { Host: '127.0.0.1:1' } })).status).toBe(
			421,
		);
	});

	it.each(['127.0.0.1', 'localhost', 'LOCALHOST'])(
		'answers Host %s with its own port',
		async (name) => {
			const sb = await start();
			const answer = await raw(sb, '/__sandbox/stats', { headers: { Host: `${name}:${sb.port}` } });
			expect(answer.status).toBe(200);
		},
	);
});
