// Builds the package and packs it with `npm pack`, as a user's registry download would be made.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

function run(command, args, cwd) {
	const result = spawnSync(command, args, {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, npm_config_yes: 'true' },
	});
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result.stdout;
}

/** `npm run build` (unless skipBuild), then `npm pack` into outDir; returns the tarball path. */
export function buildAndPack(outDir, { skipBuild = false } = {}) {
	if (!skipBuild) run('npm', ['run', 'build', '--silent'], REPO_ROOT);
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	// --ignore-scripts: prepack would build a second time.
	run(
		'npm',
		['pack', '--ignore-scripts', '--pack-destination', outDir, '--loglevel=error'],
		REPO_ROOT,
	);
	const tarballs = readdirSync(outDir).filter((f) => f.endsWith('.tgz'));
	if (tarballs.length !== 1)
		throw new Error(`expected one tarball in ${outDir}, found ${tarballs.length}`);
	return join(outDir, tarballs[0]);
}
