#!/usr/bin/env node
// First step of `npm start` and `npm test`: installs the repository's own dependencies (the root and
// zapier/) from their lock files when they are missing or older than the lock, so a fresh clone needs
// only those two commands. n8n itself is installed into the cache by scripts/n8n/install-n8n.mjs, which
// `npm test` starts before this, so the two overlap.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

/** npm writes node_modules/.package-lock.json on every install: older than package-lock.json means stale. */
function needsInstall(dir) {
	const installed = join(dir, 'node_modules', '.package-lock.json');
	if (!existsSync(installed)) return true;
	return statSync(installed).mtimeMs < statSync(join(dir, 'package-lock.json')).mtimeMs;
}

function npmCi(dir) {
	console.log(`[bootstrap] npm ci in ${dir} (first run: about a minute)`);
	return new Promise((resolve) => {
		const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
		child.on('close', (code) => {
			if (code !== 0) console.error(`[bootstrap] npm ci in ${dir} failed (exit ${code})`);
			resolve(code === 0);
		});
		child.on('error', () => resolve(false));
	});
}

/** Installs what is missing, the root and zapier/ side by side; resolves with whether every install succeeded. */
export async function bootstrap() {
	const dirs = [root, join(root, 'zapier')].filter(needsInstall);
	const results = await Promise.all(dirs.map(npmCi));
	return results.every(Boolean);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	if (!(await bootstrap())) process.exit(1);
}
