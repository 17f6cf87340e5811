// n8n 1.x for the end-to-end tests: a fresh user folder with this package installed from the tarball the
// global setup packed, as 1.x's community-packages service does it (read from n8n 1.123.81's dist: npm pack,
// unpack into .n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install
// --bin-links=false --install-strategy=shallow --ignore-scripts=true --package-lock=false`; 2.x's recipe).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage } from '../../../scripts/n8n/install-package.mjs';
import { pinnedN8nVersion } from '../../../scripts/n8n/versions.mjs';
import { createN8nInstance, E2E_WORK_DIR, type N8nInstance } from './';

/** The tarball `npm pack` made in the global setup of this run. */
export function packedTarball(): string {
	const dir = join(E2E_WORK_DIR, 'pack');
	const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
	if (tarballs.length !== 1)
		throw new Error(`expected one tarball in ${dir}, found ${tarballs.join(', ') || 'none'}`);
	return join(dir, tarballs[0]);
}

/** A fresh n8n 1.x user folder, the package installed into it from the tarball, free ports. */
export async function createN8n1Instance(): Promise<N8nInstance> {
	const instance = await createN8nInstance({
		withPackage: false,
		n8nVersion: pinnedN8nVersion('n8n1'),
	});
	installPackage(instance.userFolder, packedTarball());
	return instance;
}
