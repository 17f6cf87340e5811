// Installs a packed community package into an n8n user folder the way n8n 2.x's
// community-packages service does: unpack into <userFolder>/.n8n/nodes/node_modules/<name>,
// drop dev/peer/optional dependencies from its package.json, then a shallow npm install there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-nyne';

export function nodesDir(userFolder) {
	return join(userFolder, '.n8n', 'nodes');
}

/** Where the community package lives inside an n8n user folder once installed. */
export function packageDir(userFolder, packageName = PACKAGE_NAME) {
	return join(nodesDir(userFolder), 'node_modules', packageName);
}

export function installPackage(userFolder, tarball, packageName = PACKAGE_NAME) {
	const nodes = nodesDir(userFolder);
	const target = packageDir(userFolder, packageName);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	if (!existsSync(join(nodes, 'package.json'))) {
		writeFileSync(
			join(nodes, 'package.json'),
			`${JSON.stringify({ name: 'installed-nodes', private: true }, null, 2)}\n`,
		);
	}
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`);

	const manifestPath = join(target, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

	const install = spawnSync(
		'npm',
		[
			'install',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--no-audit',
			'--no-fund',
		],
		{ cwd: target, encoding: 'utf8' },
	);
	if (install.status !== 0)
		throw new Error(`npm install in ${target} failed:\n${install.stdout}\n${install.stderr}`);
	return target;
}
