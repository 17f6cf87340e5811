// The n8n versions the end-to-end suites run on, and what differs between them for a test: how an
// instance gets the package, how a workflow is activated before `n8n start`, and where n8n's dist is.
import { join } from 'node:path';
import { expect } from 'vitest';
import { createN8nInstance, n8nCacheDir, N8N_VERSION, publishWorkflow, runN8n, type N8nInstance } from '../harness';
import { createN8n1Instance, INSTALL_TIMEOUT_MS, N8N1_VERSION, n8n1Dist } from '../n8n1/n8n1';

export interface N8nTarget {
	version: string;
	/** A fresh user folder with the package installed the way this version installs community packages. */
	createInstance(): Promise<N8nInstance>;
	/** For beforeAll hooks that create an instance (a version may be installed on first use); undefined: the config's. */
	setupTimeoutMs?: number;
	/** Activates an imported workflow before `n8n start`. */
	activate(n8n: N8nInstance, workflowId: string): Promise<void>;
	/** n8n's own dist folder for this version. */
	dist(): string;
}

/** The pinned n8n 2.x: the package copied from the folder the global setup prepared; `publish:workflow`. */
export const n8n2: N8nTarget = {
	version: N8N_VERSION,
	createInstance: () => createN8nInstance(),
	activate: (n8n, workflowId) => publishWorkflow(n8n, workflowId),
	dist: () => join(n8nCacheDir(N8N_VERSION), 'node_modules', 'n8n', 'dist'),
};

/** n8n 1.123.x: installed on first use, the tarball installed by 1.x's recipe; no `publish:workflow` there. */
export const n8n1: N8nTarget = {
	version: N8N1_VERSION,
	createInstance: createN8n1Instance,
	setupTimeoutMs: INSTALL_TIMEOUT_MS,
	activate: async (n8n, workflowId) => {
		const activated = await runN8n(n8n, ['update:workflow', `--id=${workflowId}`, '--active=true']);
		expect(activated.code, activated.stdout + activated.stderr).toBe(0);
	},
	dist: n8n1Dist,
};
