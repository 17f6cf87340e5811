import { describe, expect, it } from 'vitest';

import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { dontWaitLookup } from '../../helpers/n8nCore/lookupParameters';

// The reference edition of the API refuses Instagram followers at submission, which today's core lets through:
// an item that fails only once it is sent.
const env = useScaledSandbox(0.001, { resetEach: true, sandbox: { apiEdition: 'reference' } });

const dontWait = (extra: Record<string, unknown> = {}) => ({ parameters: dontWaitLookup(extra) });

describe("Don't Wait", () => {
	it('a failing item names the lookups already started for the other items', async () => {
		const result = await runNyne(
			env.credentials,
			[
				{ url: 'https://x.com/first_ok' },
				{ url: 'https://instagram.com/refused' },
				{ url: 'https://x.com/third_ok' },
			],
			dontWait(),
		);
		expect(result.error).toBeDefined();
		const description = String((result.error as { description?: string } | undefined)?.description);
		const [, startedList = ''] = description.split('instead of starting them again:');
		const started = startedList.match(/interaction_[A-Za-z0-9_]+/g) ?? [];
		expect(started).toHaveLength(1);
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('a Callback URL on a private network is refused before anything is sent when the credential points at the public API', async () => {
		const callbackUrl = 'http://192.168.1.20:5678/webhook/abc/nyne?token=0123456789abcdef';
		const result = await runNyne(
			{ ...env.credentials, baseUrl: 'https://api.nyne.ai' },
			[{ url: 'https://x.com/alice' }],
			dontWait({ callbackUrl }),
		);
		expect(result.error?.message).toMatch(/^Nyne cannot reach 192\.168\.1\.20:5678/);
		expect(result.error?.message).toMatch(/WEBHOOK_URL/);
		expect(result.error?.message).not.toContain('0123456789abcdef');
		expect((result.error as { description?: string }).description).toMatch(
			/Nothing was sent to Nyne/,
		);
		expect(env.sandbox.control.stats().requests).toBe(0);
	});

	it('a Callback URL on this machine works with a sandbox on this machine', async () => {
		const callbackUrl = 'http://127.0.0.1:9/webhook/abc/nyne?token=0123456789abcdef';
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			dontWait({ callbackUrl }),
		);
		expect(result.error).toBeUndefined();
		expect(String(result.output?.[0].json.request_id)).toMatch(/^interaction_/);
	});

	it('with several wrong fields, an item fails on the first a user reads (URL, Reference, then Callback URL), and nothing is sent', async () => {
		const codeOf = async (url: string, extra: Record<string, unknown>) => {
			const result = await runNyne(env.credentials, [{ url }], {
				...dontWait(extra),
				continueOnFail: true,
			});
			return result.output?.[0].json.code;
		};
		const longReference = 'r'.repeat(300);
		const badCallback = 'ftp://example.com/hook';
		expect(
			await codeOf('https://facebook.com/zuck', {
				reference: longReference,
				callbackUrl: badCallback,
			}),
		).toBe('invalid_url');
		expect(
			await codeOf('https://x.com/alice', { reference: longReference, callbackUrl: badCallback }),
		).toBe('invalid_reference');
		expect(await codeOf('https://x.com/alice', { callbackUrl: badCallback })).toBe(
			'invalid_callback_url',
		);
		expect(env.sandbox.control.stats().requests).toBe(0);
	});
});
