#!/usr/bin/env node
// Everything the end-to-end tests need before the first test file runs:
// every pinned n8n (installed into the cache on first use) and this package, built, packed and
// installed into a prepared n8n user folder exactly as n8n's community-packages service would.
// Test files copy that prepared `.n8n/nodes` folder into their own fresh user folders.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installN8n } from './install-n8n.mjs';
import { installPackage } from './install-package.mjs';
import { buildAndPack, REPO_ROOT } from './pack-package.mjs';
import { selectedN8nVersions } from './versions.mjs';

export const E2E_WORK_DIR = join(REPO_ROOT, '.n8n-e2e');
export const PREPARED_USER_FOLDER = join(E2E_WORK_DIR, 'prepared');

export async function ensureN8n({
	versions = selectedN8nVersions(),
	skipBuild = false,
	log = console.error,
} = {}) {
	const timings = {};
	let started = Date.now();
	const n8nDirs = [];
	for (const version of versions) n8nDirs.push(await installN8n(version, log));
	timings.n8nInstallMs = Date.now() - started;

	started = Date.now();
	const tarball = buildAndPack(join(E2E_WORK_DIR, 'pack'), { skipBuild });
	timings.buildAndPackMs = Date.now() - started;

	started = Date.now();
	const installed = installPackage(PREPARED_USER_FOLDER, tarball);
	timings.packageInstallMs = Date.now() - started;
	if (!existsSync(join(installed, 'package.json')))
		throw new Error(`package not installed at ${installed}`);
	log(`e2e ready: n8n ${versions.join(', ')}, package ${tarball}; ${JSON.stringify(timings)}`);
	return { n8nDirs, tarball, installed, timings };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	ensureN8n({ skipBuild: process.argv.includes('--skip-build') }).catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
