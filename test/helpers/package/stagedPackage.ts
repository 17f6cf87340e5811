import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Never copied: installs, build output and local caches (the copy links the repository's node_modules instead). */
const SKIPPED = new Set([
	'node_modules',
	'dist',
	'.git',
	'.cache',
	'.n8n-e2e',
	'.n8n-local',
	'coverage',
	'test-results',
	'zapier',
]);

export interface StagedPackage {
	/** The folder the tarball was unpacked into, as n8n's scanner unpacks a downloaded package. */
	unpacked: string;
	tarball: string;
	remove(): void;
}

/**
 * Builds and packs the package from a copy of the repository, so the repository's own dist/ is never
 * rewritten while other tests read it. `npm pack` takes what package.json's `files` names, as on publish.
 */
export function buildAndPackStagedCopy(): StagedPackage {
	const root = mkdtempSync(join(tmpdir(), 'nyne-pack-'));
	const staging = join(root, 'repo');
	cpSync(REPO_ROOT, staging, {
		recursive: true,
		filter: (source) => {
			const path = relative(REPO_ROOT, source);
			return path === '' || !SKIPPED.has(path.split(sep)[0]);
		},
	});
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(staging, 'node_modules'), 'dir');
	const run = (command: string, args: string[], cwd: string) =>
		execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
	run('npm', ['run', 'build', '--silent'], staging);
	const packDir = join(root, 'pack');
	mkdirSync(packDir);
	// --ignore-scripts: prepack would build a second time.
	run(
		'npm',
		['pack', '--ignore-scripts', '--pack-destination', packDir, '--loglevel=error'],
		staging,
	);
	const tarballs = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
	if (tarballs.length !== 1)
		throw new Error(`expected one tarball in ${packDir}, found ${tarballs.join(', ') || 'none'}`);
	const tarball = join(packDir, tarballs[0]);
	const unpacked = join(root, 'unpacked');
	mkdirSync(unpacked);
	run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], root);
	return { unpacked, tarball, remove: () => rmSync(root, { recursive: true, force: true }) };
}
