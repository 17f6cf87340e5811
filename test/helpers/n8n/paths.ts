import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { n8nBinPath, n8nCacheDir } from '../../../scripts/n8n/paths.mjs';
import { readerN8nVersion, selectedN8nVersions } from '../../../scripts/n8n/versions.mjs';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** The n8n an instance runs when none is named: the newest of the versions this run covers. */
export const N8N_VERSION = selectedN8nVersions()[0];
/** Git-ignored work folder inside the repo: the packed tarball and the prepared nodes folder live here. */
export const E2E_WORK_DIR = join(REPO_ROOT, '.n8n-e2e');
export const PREPARED_USER_FOLDER = join(E2E_WORK_DIR, 'prepared');
export const PREPARED_NODES_DIR = join(PREPARED_USER_FOLDER, '.n8n', 'nodes');
export { n8nCacheDir };

export function n8nBin(version = N8N_VERSION): string {
	const bin = n8nBinPath(version);
	if (!existsSync(bin)) {
		throw new Error(
			`n8n ${version} is not installed at ${bin}; run: node scripts/n8n/install-n8n.mjs`,
		);
	}
	return bin;
}

/** The install of readerN8nVersion(): the n8n whose sqlite3 and flatted the tests read n8n's database with. */
export function readerN8nDir(): string {
	const reader = readerN8nVersion();
	if (!reader || !existsSync(n8nBinPath(reader)))
		throw new Error(
			`no installed n8n runs on this Node.js: node scripts/n8n/install-n8n.mjs --version=${reader ?? '2.8.4'}`,
		);
	return n8nCacheDir(reader);
}
