#!/usr/bin/env node
// Everything the end-to-end tests need before the first test file runs:
// every pinned n8n (installed into the cache on first use) and this package, built, packed and
// installed into a prepared n8n user folder exactly as n8n's community-packages service would.
// Test files copy that prepared `.n8n/nodes` folder into their own fresh user folders.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installN8n } from './install-n8n.mjs';
import { installPackage, packageDir } from './install-package.mjs';
import { buildAndPack, REPO_ROOT } from './pack-package.mjs';
import { installOrder, selectedN8nVersions } from './versions.mjs';

export const E2E_WORK_DIR = join(REPO_ROOT, '.n8n-e2e');
export const PREPARED_USER_FOLDER = join(E2E_WORK_DIR, 'prepared');

/**
 * `prepared`: the package was already packed and installed into PREPARED_USER_FOLDER by an earlier call
 * (`npm test` does it once before it runs the versions side by side), so it is only checked, never rewritten
 * under a run that copies from it.
 */
export async function ensureN8n({
	versions = selectedN8nVersions(),
	skipBuild = false,
	prepared = false,
	log = console.error,
} = {}) {
	const timings = {};
	let started = Date.now();
	for (const version of installOrder(versions)) await installN8n(version, log);
	timings.n8nInstallMs = Date.now() - started;
	if (prepared) {
		const installed = packageDir(PREPARED_USER_FOLDER);
		if (!existsSync(join(installed, 'package.json')))
			throw new Error(`the package is not prepared at ${installed}`);
		return { installed, timings };
	}
	return { ...preparePackage({ skipBuild, log }), timings };
}

/** Builds (unless skipBuild), packs, and installs the package into the prepared user folder. */
export function preparePackage({ skipBuild = false, log = console.error } = {}) {
	const timings = {};
	let started = Date.now();
	const tarball = buildAndPack(join(E2E_WORK_DIR, 'pack'), { skipBuild });
	timings.buildAndPackMs = Date.now() - started;

	started = Date.now();
	const installed = installPackage(PREPARED_USER_FOLDER, tarball);
	timings.packageInstallMs = Date.now() - started;
	if (!existsSync(join(installed, 'package.json')))
		throw new Error(`package not installed at ${installed}`);
	log(`package ready: ${tarball}; ${JSON.stringify(timings)}`);
	return { tarball, installed };
}

// `--package-only`: build, pack and prepare the package, no n8n install (npm test installs those beside).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const skipBuild = process.argv.includes('--skip-build');
	const done = process.argv.includes('--package-only')
		? Promise.resolve().then(() => preparePackage({ skipBuild }))
		: ensureN8n({ skipBuild });
	done.catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
