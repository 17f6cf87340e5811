// vitest globalSetup for the end-to-end suite: n8n in the cache, the package packed and installed.
import { ensureN8n } from '../../../scripts/n8n/ensure-n8n.mjs';

export default async function setup(): Promise<void> {
	await ensureN8n({
		skipBuild: process.env.NYNE_E2E_SKIP_BUILD === '1',
		prepared: process.env.NYNE_E2E_PREPARED === '1',
	});
}
