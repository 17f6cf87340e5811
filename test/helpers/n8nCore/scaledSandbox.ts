import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/index';
import type { NyneTestCredentials } from './n8nHarness';
import { resetToolCap, useScaledRuntime } from './scaledRuntime';

export interface ScaledSandbox {
	readonly sandbox: Sandbox;
	/** The sandbox's own key, secret and URL, as the node's credentials. */
	readonly credentials: NyneTestCredentials;
}

export interface ScaledSandboxOptions {
	/** A fresh sandbox state before each test. */
	resetEach?: boolean;
	/** More sandbox settings (job duration, keys, a log); the time scale is the fixture's own. */
	sandbox?: Omit<SandboxOptions, 'timeScale'>;
}

/**
 * The one fixture of a file that runs the nodes against a sandbox: the sandbox and n8n's runtime on the
 * same scaled clock (real ms per API ms), started before the file's tests and stopped after them.
 */
export function useScaledSandbox(
	timeScale: number,
	options: ScaledSandboxOptions = {},
): ScaledSandbox {
	let sandbox: Sandbox | undefined;
	let restoreRuntime: (() => void) | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ ...options.sandbox, timeScale });
		restoreRuntime = useScaledRuntime(timeScale);
	});
	afterAll(async () => {
		restoreRuntime?.();
		await sandbox?.close();
	});
	if (options.resetEach)
		beforeEach(() => {
			sandbox?.control.reset();
			resetToolCap();
		});
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
