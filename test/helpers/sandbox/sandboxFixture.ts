import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { NyneClient, type NyneClientOptions } from '../../../shared';
import { fetchTransport } from '../core/fetchTransport';
import { scaledClock } from '../core/scaledClock';

/** A sandbox for a describe block: started before its tests, reset before each, closed after them. */
export function useSandbox(options: SandboxOptions): { readonly sandbox: Sandbox } {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox?.control.reset());
	return {
		get sandbox() {
			if (!sandbox) throw new Error('the sandbox starts in beforeAll');
			return sandbox;
		},
	};
}

/** A core client for a sandbox on a scaled clock (sandbox time for its waits), without the client-side limiter. */
export function scaledSandboxClient(
	sandbox: Sandbox,
	scale: number,
	extra: Partial<NyneClientOptions> = {},
): NyneClient {
	const clock = scaledClock(scale);
	return new NyneClient({
		signRequests: true,
		baseUrl: sandbox.url,
		apiKey: sandbox.apiKey,
		apiSecret: sandbox.apiSecret,
		transport: fetchTransport({ timeScale: scale, apiNow: clock.now }),
		...clock,
		limiter: false,
		...extra,
	});
}
