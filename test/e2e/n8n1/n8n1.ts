// n8n 1.x for the end-to-end tests: the pinned 1.123.x in its own cache folder, and a fresh user folder
// with this package installed from the tarball the global setup packed, as 1.x's community-packages
// service does it (read from n8n 1.123.81's dist: npm pack, unpack into .n8n/nodes/node_modules/<name>,
// drop dev/peer/optional dependencies, `npm install --bin-links=false --install-strategy=shallow
// --ignore-scripts=true --package-lock=false`; the same recipe as 2.8.4's).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installN8n } from '../../../scripts/n8n/install-n8n.mjs';
import { installPackage } from '../../../scripts/n8n/install-package.mjs';
import { createN8nInstance, E2E_WORK_DIR, n8nCacheDir, type N8nInstance } from '../harness';

/** The newest 1.123.x when this was written (`npm view n8n@1.123 version`); N8N1_E2E_VERSION overrides. */
export const N8N1_VERSION = process.env.N8N1_E2E_VERSION || '1.123.81';

/** A first install takes about 6.5 minutes on 2 cores; later runs find it in the cache. */
export const INSTALL_TIMEOUT_MS = 15 * 60_000;

export function ensureN8n1(): string {
	return installN8n(N8N1_VERSION, (line) => console.error(line));
}

export function n8n1Dist(): string {
	return join(n8nCacheDir(N8N1_VERSION), 'node_modules', 'n8n', 'dist');
}

/** The tarball `npm pack` made in the global setup of this run. */
export function packedTarball(): string {
	const dir = join(E2E_WORK_DIR, 'pack');
	const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
	if (tarballs.length !== 1) throw new Error(`expected one tarball in ${dir}, found ${tarballs.join(', ') || 'none'}`);
	return join(dir, tarballs[0]);
}

/** A fresh n8n 1.x user folder, the package installed into it from the tarball, free ports. */
export async function createN8n1Instance(): Promise<N8nInstance> {
	ensureN8n1();
	const instance = await createN8nInstance({ withPackage: false, n8nVersion: N8N1_VERSION });
	installPackage(instance.userFolder, packedTarball());
	return instance;
}
