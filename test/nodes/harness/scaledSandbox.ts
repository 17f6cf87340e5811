import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { NyneTestCredentials } from './n8nHarness';
import { useScaledRuntime } from './scaledRuntime';

export interface ScaledSandbox {
	readonly sandbox: Sandbox;
	/** The sandbox's own key, secret and URL, as the node's credentials. */
	readonly credentials: NyneTestCredentials;
}

/**
 * Registers the hooks of a file that runs the node against a sandbox: the sandbox and n8n's runtime on the
 * same scaled clock (real ms per API ms), and, with `resetEach`, a fresh sandbox state before each test.
 */
export function useScaledSandbox(timeScale: number, options: { resetEach?: boolean } = {}): ScaledSandbox {
	let sandbox: Sandbox | undefined;
	let restoreRuntime: (() => void) | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale });
		restoreRuntime = useScaledRuntime(timeScale);
	});
	afterAll(async () => {
		restoreRuntime?.();
		await sandbox?.close();
	});
	if (options.resetEach) beforeEach(() => sandbox?.control.reset());
	const started = (): Sandbox => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	return {
		get sandbox() {
			return started();
		},
		get credentials() {
			const { apiKey, apiSecret, url } = started();
			return { apiKey, apiSecret, baseUrl: url };
		},
	};
}
