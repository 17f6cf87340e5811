import { afterEach, describe, expect, it } from 'vitest';

import {
	call,
	controlCall,
	JSON_HEADERS,
	listen,
	PROFILE,
	start,
	stopAll,
	submit,
	submitOk,
	waitFor,
	waitForEnd,
} from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

describe('the sandbox as a developer tool: control endpoints a web page cannot drive', () => {
	it('refuses a request with an Origin header (any browser fetch), and changes nothing', async () => {
		const sb = await start();
		const answer = await controlCall(sb, 'faults', {
			headers: { ...JSON_HEADERS, Origin: 'https://evil.example' },
			body: JSON.stringify({ kind: 'server_error', times: 5 }),
		});
		expect(answer).toMatchObject({ status: 403, body: { error: { code: 'browser_refused' } } });
		expect(
			(await controlCall(sb, 'stats', { method: 'GET', headers: { Origin: 'null' } })).status,
		).toBe(403);
		expect((await submit(sb, { type: 'followers', social_media_url: PROFILE })).status).toBe(202);
	});

	it.each([
		['text/plain', 'text/plain'],
		['a form', 'application/x-www-form-urlencoded'],
		['multipart', 'multipart/form-data; boundary=x'],
		['no content type', undefined],
	])(
		'refuses a POST sent as %s (what a page can send without a preflight)',
		async (_what, type) => {
			const sb = await start();
			const answer = await controlCall(sb, 'reset', {
				headers: type ? { 'Content-Type': type } : {},
				body: '{}',
			});
			expect(answer).toMatchObject({
				status: 415,
				body: { error: { code: 'unsupported_media_type' } },
			});
		},
	);

	it('answers 413 to a body over 1 MB, on control and API paths alike', async () => {
		const sb = await start();
		const big = JSON.stringify({ kind: 'slow', pad: 'x'.repeat(1_100_000) });
		expect((await controlCall(sb, 'faults', { headers: JSON_HEADERS, body: big })).status).toBe(
			413,
		);
		expect((await call(sb, 'POST', '/person/interactions', { raw: big })).status).toBe(413);
		expect(sb.control.stats().submissions).toBe(0);
	});

	it('clamps job durations (to a day) and churn counts (to 1,000 per change)', async () => {
		const sb = await start();
		const duration = await controlCall(sb, 'job-duration', {
			headers: JSON_HEADERS,
			body: JSON.stringify({ ms: 1e15 }),
		});
		expect(duration.body.data).toEqual({ ms: 86_400_000 });
		sb.control.setJobDurationMs(0);
		const followers = async () =>
			(await waitForEnd(sb, await submitOk(sb, { type: 'followers', social_media_url: PROFILE })))
				.body.data.result.target.followers_count as number;
		const churn = (change: Record<string, number>) =>
			controlCall(sb, 'churn', {
				headers: JSON_HEADERS,
				body: JSON.stringify({ platform: 'twitter', username: 'elonmusk', ...change }),
			});
		const before = await followers();
		expect((await churn({ addFollowers: 1e12 })).status).toBe(200);
		const added = await followers();
		expect((await churn({ removeFollowers: 1e12 })).status).toBe(200);
		expect([added, await followers()]).toEqual([before + 1_000, before]);
	});

	it('never logs any part of an offered key or secret', async () => {
		const lines: string[] = [];
		const sb = await start({ log: (line) => lines.push(line) });
		const offered = { key: 'QQKEYQQ_offered_key_zz', secret: 'QQSECQQ_offered_secret_zz' };
		await submit(
			sb,
			{ type: 'followers', social_media_url: PROFILE },
			{ 'X-API-Key': offered.key, 'X-API-Secret': offered.secret },
		);
		await submit(sb, { type: 'followers', social_media_url: PROFILE });
		await call(sb, 'GET', `/usage?api_key=${offered.key}&api_secret=${offered.secret}`, {
			headers: {},
		});
		sb.control.injectFault({ kind: 'drop_connection', method: 'POST' });
		await submit(sb, { type: 'followers', social_media_url: PROFILE }).catch(() => undefined);
		expect(lines.length).toBeGreaterThanOrEqual(3);
		for (const secret of [offered.key, offered.secret, sb.apiKey, sb.apiSecret]) {
			for (const line of lines) expect(line).not.toContain(secret.slice(0, 6));
		}
	});
});

describe("today's API in the sandbox", () => {
	it('clamps max_results to 10..1000 like the server', async () => {
		const sb = await start({ jobDurationMs: 0 });
		const small = await waitForEnd(
			sb,
			await submitOk(sb, { type: 'followers', social_media_url: PROFILE, max_results: 1 }),
		);
		const big = await waitForEnd(
			sb,
			await submitOk(sb, {
				type: 'following',
				social_media_url: 'https://twitter.com/bigaccount',
				max_results: 5000,
			}),
		);
		expect(small.body.data.max_results).toBe(10);
		expect(big.body.data.max_results).toBe(1000);
		expect(big.body.data.result.interactions).toHaveLength(1000);
	});

	it('a server_error fault after processing creates the job, then answers like a proxy (HTML or empty)', async () => {
		const sb = await start();
		sb.control.injectFault({
			kind: 'server_error',
			method: 'POST',
			afterProcessing: true,
			status: 500,
			body: 'html',
		});
		sb.control.injectFault({
			kind: 'server_error',
			method: 'POST',
			afterProcessing: true,
			status: 502,
			body: 'empty',
		});
		const html = await submit(sb, { type: 'followers', social_media_url: PROFILE });
		const empty = await submit(sb, { type: 'followers', social_media_url: PROFILE });
		expect([html.status, typeof html.body === 'string' && html.body.startsWith('<html>')]).toEqual([
			500,
			true,
		]);
		expect([empty.status, empty.body]).toEqual([502, '']);
		expect(sb.control.stats()).toMatchObject({ submissions: 2, jobs: 2 });
	});
});

describe('the odd_result fault', () => {
	it('reshapes a completed GET answer, or with method POST a callback', async () => {
		const hook = await listen();
		try {
			const sb = await start({ jobDurationMs: 0 });
			const requestId = await submitOk(sb, {
				type: 'followers',
				social_media_url: PROFILE,
				max_results: 10,
			});
			sb.control.injectFault({ kind: 'odd_result', shape: 'nameless_person' });
			const odd = (await waitForEnd(sb, requestId)).body.data.result;
			expect(odd.interactions).toHaveLength(11);
			expect(odd.interactions[1]).toMatchObject({ username: null });
			expect(odd.total_count).toBe('10');
			sb.control.injectFault({ kind: 'odd_result', shape: 'null_result', method: 'POST' });
			await submitOk(sb, {
				type: 'followers',
				social_media_url: PROFILE,
				max_results: 10,
				callback_url: hook.url,
			});
			await waitFor(() => hook.received.length === 1 || undefined, 'callback');
			expect(hook.received[0]?.body).toMatchObject({ status: 'completed', data: null });
		} finally {
			await hook.close();
		}
	});
});
