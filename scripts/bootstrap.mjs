#!/usr/bin/env node
// First step of `npm start` and `npm test`: installs the repository's own dependencies (the root and
// zapier/) from their lock files when they are missing or older than the lock, so a fresh clone needs
// only those two commands. n8n itself is installed later, into the cache, by scripts/n8n/install-n8n.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** npm writes node_modules/.package-lock.json on every install: older than package-lock.json means stale. */
function needsInstall(dir) {
	const installed = join(dir, 'node_modules', '.package-lock.json');
	if (!existsSync(installed)) return true;
	return statSync(installed).mtimeMs < statSync(join(dir, 'package-lock.json')).mtimeMs;
}

for (const dir of [root, join(root, 'zapier')]) {
	if (!needsInstall(dir)) continue;
	console.log(`[bootstrap] npm ci in ${dir} (first run: about a minute)`);
	const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
	if (run.status !== 0) {
		console.error(`[bootstrap] npm ci in ${dir} failed (exit ${run.status})`);
		process.exit(run.status ?? 1);
	}
}
