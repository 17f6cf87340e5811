// Where the pinned n8n lives. One cache folder per version, outside the repository.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const N8N_DEFAULT_VERSION = process.env.N8N_E2E_VERSION || '2.8.4';

/** $N8N_CACHE_DIR wins (taken as the folder for the requested version); else ~/.cache/n8n-nodes-nyne/n8n-<version>. */
export function n8nCacheDir(version = N8N_DEFAULT_VERSION) {
	if (process.env.N8N_CACHE_DIR) return process.env.N8N_CACHE_DIR;
	return join(homedir(), '.cache', 'n8n-nodes-nyne', `n8n-${version}`);
}

export function n8nBinPath(version = N8N_DEFAULT_VERSION) {
	return join(n8nCacheDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}
