import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

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
