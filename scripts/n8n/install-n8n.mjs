#!/usr/bin/env node
// Installs a pinned n8n into a cache folder outside the repository (idempotent: a marker file
// records a finished install). Usage: node scripts/n8n/install-n8n.mjs [--version=2.41.1 ...|--all] [--print-dir]
import { spawn, spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { n8nNodeRuntime } from './node-runtime.mjs';
import { cacheRoot, n8nBinPath, n8nCacheDir, N8N_DEFAULT_VERSION } from './paths.mjs';
import { N8N_VERSIONS, n8nVersionInfo } from './versions.mjs';

/**
 * Every version installs with scripts off, then builds only the native modules n8n loads here against the Node
 * it runs on. The other install scripts in n8n's tree fetch binaries from hosts this machine cannot reach
 * (@confluentinc/kafka-javascript fails the install) or build optional modules n8n falls back from.
 * `output`: the folder the module's build leaves its binary in, kept per module version and Node ABI.
 */
const NATIVE_MODULES = [
	{ name: 'sqlite3', output: 'build' },
	// 1.x's default expression engine; 2.41.1's ships a binary for its Node (`prebuilds/`); 2.8.4 has none
	{ name: 'isolated-vm', output: 'out' },
];

const MARKER = '.install-complete.json';

/** Overrides n8n needs to install here: n8n-nodes-base pins xlsx to a tarball on a host the registry mirror cannot reach, and 1.x needs an isolated-vm that builds on Node 20. */
function overridesFor(version) {
	const overrides = { xlsx: '0.18.5' };
	if (version.startsWith('1.')) overrides['isolated-vm'] = '5.0.4';
	return overrides;
}

const PROGRESS_EVERY_MS = 20_000;

function megabytes(dir) {
	const du = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
	return du.status === 0 ? Number.parseInt(du.stdout, 10) : '?';
}

/** Runs a command with its output passed through, reporting progress while it is silent for minutes. */
function runWithProgress(command, args, options, progress) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: 'inherit' });
		const ticker = setInterval(
			() => progress(Math.round((Date.now() - started) / 1000)),
			PROGRESS_EVERY_MS,
		);
		child.on('error', (error) => {
			clearInterval(ticker);
			reject(error);
		});
		child.on('close', (status) => {
			clearInterval(ticker);
			resolve(status);
		});
	});
}

/**
 * Builds the native modules a version has for the Node it runs on, once per module version and Node ABI: a
 * later version with the same pair (1.x and 2.8 both run on this machine's Node) copies the build instead of
 * compiling it again. A module that ships a binary for that ABI needs no build.
 */
async function buildNativeModules(dir, runtime, npm, log) {
	const abi = spawnSync(runtime.node, ['-p', 'process.versions.modules'], {
		encoding: 'utf8',
	}).stdout.trim();
	const platform = `${process.platform}-${process.arch}`;
	for (const { name, output } of NATIVE_MODULES) {
		const moduleDir = join(dir, 'node_modules', name);
		if (!existsSync(join(moduleDir, 'package.json'))) continue;
		const shipped = join(moduleDir, 'prebuilds', platform);
		if (existsSync(shipped) && readdirSync(shipped).some((file) => file.includes(`abi${abi}.`)))
			continue;
		const { version } = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8'));
		const kept = join(cacheRoot(), 'native', `${name}-${version}-abi${abi}-${platform}`);
		if (existsSync(kept)) {
			log(`${name} ${version} for Node ABI ${abi}: copying the build kept in ${kept}`);
			cpSync(kept, join(moduleDir, output), { recursive: true });
			continue;
		}
		await npm(['rebuild', name], `npm rebuild ${name}`);
		const partial = `${kept}.${process.pid}`;
		cpSync(join(moduleDir, output), partial, { recursive: true });
		try {
			renameSync(partial, kept);
		} catch {
			rmSync(partial, { recursive: true, force: true });
		}
	}
}

export function isN8nInstalled(version = N8N_DEFAULT_VERSION) {
	const dir = n8nCacheDir(version);
	if (!existsSync(`${dir}/${MARKER}`) || !existsSync(n8nBinPath(version))) return false;
	return JSON.parse(readFileSync(`${dir}/${MARKER}`, 'utf8')).version === version;
}

export async function installN8n(version = N8N_DEFAULT_VERSION, log = console.error) {
	const dir = n8nCacheDir(version);
	if (isN8nInstalled(version)) {
		log(`n8n ${version} already installed in ${dir}`);
		return dir;
	}
	mkdirSync(dir, { recursive: true });
	rmSync(`${dir}/node_modules`, { recursive: true, force: true });
	rmSync(`${dir}/package-lock.json`, { force: true });
	const manifest = {
		name: `n8n-cache-${version.replace(/\./g, '-')}`,
		private: true,
		description: 'Pinned n8n used by the n8n-nodes-nyne end-to-end tests (generated).',
		dependencies: { n8n: version },
		overrides: overridesFor(version),
	};
	writeFileSync(`${dir}/package.json`, `${JSON.stringify(manifest, null, '\t')}\n`);
	const runtime = n8nNodeRuntime(version, log);
	const ownNode = Boolean(n8nVersionInfo(version).nodeMajor) && runtime.node !== process.execPath;
	log(
		`installing n8n ${version} into ${dir} (takes minutes${ownNode ? `; on Node ${n8nVersionInfo(version).nodeMajor}` : ''})`,
	);
	const started = Date.now();
	const env = { ...process.env, ...runtime.env, npm_config_yes: 'true' };
	const npm = (args, step) =>
		runWithProgress(
			'npm',
			[...args, '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: dir, env },
			(seconds) => log(`  ${step} of n8n ${version}: ${megabytes(dir)} MB so far, ${seconds} s`),
		).then((status) => {
			if (status !== 0)
				throw new Error(`${step} for n8n ${version} failed with exit code ${status}`);
		});
	await npm(['install', '--omit=dev', '--ignore-scripts'], 'npm install');
	await buildNativeModules(dir, runtime, npm, log);
	if (!existsSync(n8nBinPath(version))) {
		throw new Error(`n8n ${version} installed but ${n8nBinPath(version)} is missing`);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	const installed = JSON.parse(
		readFileSync(`${dir}/node_modules/n8n/package.json`, 'utf8'),
	).version;
	writeFileSync(
		`${dir}/${MARKER}`,
		`${JSON.stringify({ version: installed, seconds, node: runtime.node, at: new Date().toISOString() }, null, '\t')}\n`,
	);
	log(`n8n ${installed} installed in ${seconds} s`);
	return dir;
}

async function main() {
	const named = process.argv
		.filter((a) => a.startsWith('--version='))
		.map((a) => a.slice('--version='.length));
	const versions = process.argv.includes('--all')
		? N8N_VERSIONS.map((entry) => entry.version)
		: named.length > 0
			? named
			: [N8N_DEFAULT_VERSION];
	const install = async (version) => {
		const dir = await installN8n(version);
		if (process.argv.includes('--print-dir')) console.log(dir);
	};
	// The first (npm test names the reader first, which every version's tests need) alone, then the rest side by
	// side. All three at once made the reader ready at 12.3 min instead of 6.3, and the cold run longer.
	const [first, ...rest] = versions;
	await install(first);
	await Promise.all(rest.map(install));
}

// No top-level await: tsx loads this file as CommonJS when scripts/start.ts imports it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
