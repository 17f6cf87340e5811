import type { IExecuteFunctions } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { createNyneClient } from '../../../../nodes/common/transport';
import { overrideRuntime, restoreRuntime } from '../../../helpers/n8nCore/runtimeOverride';
import { RateLimiter, RateLimiterRegistry } from '../../../../shared';

/** The registry the nodes use, recording which limiter each client got. */
class RecordingRegistry extends RateLimiterRegistry {
	readonly handedOut: RateLimiter[] = [];
	override forKey(key: string): RateLimiter {
		const limiter = super.forKey(key);
		this.handedOut.push(limiter);
		return limiter;
	}
}

const contextWith = (credentials: Record<string, string>) =>
	({ getCredentials: async () => credentials, helpers: {} }) as unknown as IExecuteFunctions;

describe('the nodes keep one rate limiter per Nyne server and key', () => {
	afterEach(() => restoreRuntime());

	it('shares a limiter for one server and key, and not across servers that share a key', async () => {
		const limiters = new RecordingRegistry();
		overrideRuntime({ limiters });
		const key = { apiKey: 'nyne_sandbox_key', apiSecret: 'nyne_sandbox_secret' };
		await createNyneClient(contextWith({ ...key, baseUrl: 'http://127.0.0.1:4010' }));
		await createNyneClient(contextWith({ ...key, baseUrl: 'http://127.0.0.1:4010/' }));
		await createNyneClient(contextWith({ ...key, baseUrl: 'http://127.0.0.1:4011' }));
		await createNyneClient(
			contextWith({ ...key, apiKey: 'another_key', baseUrl: 'http://127.0.0.1:4010' }),
		);
		const [first, sameServer, otherServer, otherKey] = limiters.handedOut;
		expect(sameServer).toBe(first);
		expect(otherServer).not.toBe(first);
		expect(otherKey).not.toBe(first);
		expect(otherKey).not.toBe(otherServer);
	});
});
