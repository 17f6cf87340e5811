// The unit suite's global setup: one throwaway N8N_USER_FOLDER for n8n-core's instance settings (encryption key,
// ids), shared by every worker and removed at the end, instead of one per worker left in the system's temp folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
	const folder = mkdtempSync(join(tmpdir(), 'nyne-n8n-core-'));
	process.env.N8N_USER_FOLDER = folder;
	// workers that create the folder's settings at the same moment write the same key, never two that mismatch
	process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('base64');
	return () => rmSync(folder, { recursive: true, force: true });
}
