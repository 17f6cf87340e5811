// The n8n versions the end-to-end suites run on (pinned once, in scripts/n8n/versions.mjs), and what
// differs between them for a test: how an instance gets the package, and where n8n's dist is. Every suite runs
// on every target; each test name carries the version.
import { join } from 'node:path';
import { pinnedN8nVersion, selectedN8nVersions } from '../../../scripts/n8n/versions.mjs';
import { createN8nInstance, n8nCacheDir, type N8nInstance } from './index';
import { createN8n1Instance } from './n8n1';

export interface N8nTarget {
	version: string;
	/** A fresh user folder with the package installed the way this version installs community packages. */
	createInstance(): Promise<N8nInstance>;
	/** n8n's own dist folder for this version. */
	dist(): string;
}

const distOf = (version: string) => join(n8nCacheDir(version), 'node_modules', 'n8n', 'dist');

/** n8n 2.x: the package copied from the folder the global setup prepared. */
function n8n2Target(version: string): N8nTarget {
	return {
		version,
		createInstance: () => createN8nInstance({ n8nVersion: version }),
		dist: () => distOf(version),
	};
}

/** The newest n8n that installs from the registry (on Node 24): what a new self-hoster gets today. */
export const latest = n8n2Target(pinnedN8nVersion('latest'));
export const n8n2 = n8n2Target(pinnedN8nVersion('n8n2'));

/** n8n 1.123.x: the tarball installed by 1.x's recipe. */
export const n8n1: N8nTarget = {
	version: pinnedN8nVersion('n8n1'),
	createInstance: createN8n1Instance,
	dist: () => distOf(pinnedN8nVersion('n8n1')),
};

/** Every pinned version, or those NYNE_E2E_N8N names (a quicker loop while developing). */
export const N8N_TARGETS: readonly N8nTarget[] = [latest, n8n2, n8n1].filter((target) =>
	selectedN8nVersions().includes(target.version),
);
