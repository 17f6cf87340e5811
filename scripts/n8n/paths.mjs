// Where the pinned n8n versions live: one cache folder per version, outside the repository.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { N8N_LATEST_VERSION } from './versions.mjs';

/** The version `npm start` and the harness use when none is named: the newest pinned one. */
export const N8N_DEFAULT_VERSION = N8N_LATEST_VERSION;

/** $NYNE_CACHE_DIR wins; else ~/.cache/n8n-nodes-nyne. */
export function cacheRoot() {
	return process.env.NYNE_CACHE_DIR || join(homedir(), '.cache', 'n8n-nodes-nyne');
}

export function n8nCacheDir(version = N8N_DEFAULT_VERSION) {
	return join(cacheRoot(), `n8n-${version}`);
}

export function n8nBinPath(version = N8N_DEFAULT_VERSION) {
	return join(n8nCacheDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}
