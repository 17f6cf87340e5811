#!/usr/bin/env node
// The one test command (npm test): unit + sandbox + nodes + Zapier + fuzz + soak + secrets, Zapier validate, real-n8n e2e,
// and a quick pass of the bench.
// vitest prints no summary line CI can read, so this sums the runners' JSON reports into "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isN8nInstalled } from './n8n/install-n8n.mjs';
import { installOrder, readerN8nVersion, selectedN8nVersions } from './n8n/versions.mjs';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.cache', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const started = Date.now();
/** What each step took, printed after it and again at the end: "name: 3.7 min". */
const durations = [];
const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;

/**
 * Runs a command; resolves with its exit code. Output is passed through, each line prefixed when `prefix` is
 * set (two end-to-end runs print at once). Never blocks the event loop: the installs go on meanwhile.
 */
function run(command, args, { env = {}, prefix } = {}) {
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			cwd: root,
			stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
			env: { ...process.env, ...env },
		});
		if (prefix) {
			const relay = (chunk) => {
				for (const line of chunk.toString().split('\n'))
					if (line.trim()) console.log(`${prefix} ${line}`);
			};
			child.stdout.on('data', relay);
			child.stderr.on('data', relay);
		}
		child.on('close', (code) => resolve(code ?? 1));
		child.on('error', () => resolve(1));
	});
}

// The pinned n8n versions install into the cache, one after another (minutes each on a machine without it),
// while the steps before run: first the reader (the n8n on this machine's Node whose sqlite3 every version's
// tests read n8n's database with), then the rest in the order pinned. Each version's end-to-end run starts as
// soon as that version and the reader are installed, so the later installs overlap the earlier tests.
const e2eVersions = selectedN8nVersions();
const installVersions = installOrder(e2eVersions);
const reader = readerN8nVersion();
/** The versions whose install was already reported in `durations`. */
const announced = new Set();
const n8nInstall = new Promise((resolve) => {
	const child = spawn(
		process.execPath,
		[
			join(root, 'scripts', 'n8n', 'install-n8n.mjs'),
			...installVersions.map((v) => `--version=${v}`),
		],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const relay = (chunk) => {
		for (const line of chunk.toString().split('\n')) {
			if (!line.trim()) continue;
			console.log(`[n8n install] ${line}`);
			for (const version of installVersions)
				if (!announced.has(version) && isN8nInstalled(version)) {
					announced.add(version);
					durations.push(`n8n ${version} ready: ${minutes(Date.now() - started)} after the start`);
				}
		}
	};
	child.stdout.on('data', relay);
	child.stderr.on('data', relay);
	child.on('close', (code) => resolve(code ?? 1));
	child.on('error', () => resolve(1));
});

/** Resolves when the version is installed, or when the installer has ended (the e2e setup then tries again). */
async function n8nReady(version) {
	while (!isN8nInstalled(version)) {
		const ended = await Promise.race([
			n8nInstall.then(() => true),
			new Promise((resolve) => setTimeout(() => resolve(false), 2_000)),
		]);
		if (ended) {
			if (!isN8nInstalled(version))
				console.log(`n8n ${version} did not install; its end-to-end setup tries again`);
			return;
		}
	}
}

/** Every test file each e2e report ran, with its number of tests, to find a file no version ran a test of. */
const e2eTestsPerFile = new Map();

function countVitest(file, { e2e = false } = {}) {
	if (!existsSync(file)) return false;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	passed += report.numPassedTests ?? 0;
	failed += report.numFailedTests ?? 0;
	for (const result of report.testResults ?? []) {
		const tests = result.assertionResults ?? [];
		// A test file that failed to load has no failed test of its own: count it once.
		if (result.status === 'failed' && !tests.some((test) => test.status === 'failed')) failed += 1;
		if (e2e) {
			const name = relative(root, result.name);
			e2eTestsPerFile.set(name, (e2eTestsPerFile.get(name) ?? 0) + tests.length);
		}
	}
	return true;
}

async function vitest(config, report, { env = {}, e2e = false, prefix } = {}) {
	const output = join(reports, report);
	const code = await run(
		'npx',
		[
			'vitest',
			'run',
			'--config',
			config,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${output}`,
			...(e2e ? ['--passWithNoTests'] : []),
		],
		{ env, prefix },
	);
	if (!countVitest(output, { e2e }) || (code !== 0 && !existsSync(output))) failed += 1;
}

async function step(name, body) {
	console.log(`\n=== ${name} ===`);
	const stepStarted = Date.now();
	await body();
	const took = `${name}: ${minutes(Date.now() - stepStarted)}`;
	durations.push(took);
	console.log(`=== ${took} ===`);
}

await step('unit, sandbox, nodes, zapier, fuzz, soak, secrets', () =>
	vitest('vitest.config.mts', 'unit.json'),
);

await step('zapier-platform validate --without-style', async () => {
	const code = await run('npm', ['run', '--silent', 'validate', '--prefix', 'zapier']);
	if (code === 0) passed += 1;
	else failed += 1;
});

// One run per n8n version: a suite proves a version only where it is meant to (the editor and queue mode on
// 2.x, the harness checks on the newest), so a file may have no test for one version (--passWithNoTests),
// and below, a file that ran no test on any version counts as a failure. Each version runs as soon as it is
// installed. The versions run in two lanes side by side (2.8.4 then 1.123.81; 2.41.1), since most of an e2e
// test waits on n8n's schedule or the rate limit, not on the machine; NYNE_E2E_LANES=1 runs one at a time.
let packageReady = false;
await step('build, pack and prepare the package for n8n', async () => {
	const code = await run(process.execPath, [
		join(root, 'scripts', 'n8n', 'ensure-n8n.mjs'),
		'--package-only',
	]);
	packageReady = code === 0;
	if (!packageReady) failed += 1;
});

const laneCount = Math.max(1, Number.parseInt(process.env.NYNE_E2E_LANES ?? '2', 10) || 1);
const lanes = Array.from({ length: laneCount }, (_, lane) =>
	installVersions
		.filter((version) => e2eVersions.includes(version))
		.filter((_, index) => index % laneCount === lane),
);

async function e2eRun(version) {
	const waitStarted = Date.now();
	if (reader) await n8nReady(reader);
	await n8nReady(version);
	durations.push(`waiting for n8n ${version} to install: ${minutes(Date.now() - waitStarted)}`);
	await step(`real n8n ${version} end-to-end`, () =>
		vitest('vitest.e2e.config.mts', `e2e-${version}.json`, {
			env: { NYNE_E2E_N8N: version, NYNE_E2E_PREPARED: '1' },
			e2e: true,
			prefix: laneCount > 1 ? `[${version}]` : undefined,
		}),
	);
}

if (packageReady)
	await step('real n8n end-to-end', () =>
		Promise.all(
			lanes.map(async (versions) => {
				for (const version of versions) await e2eRun(version);
			}),
		),
	);
for (const [file, tests] of e2eTestsPerFile)
	if (tests === 0) {
		console.log(`${file} ran no test on any n8n version`);
		failed += 1;
	}

// The bench prints figures, not verdicts, but it has to run: every section on small sizes through the same code
// (`npm run bench -- --quick`), counted as one test. After the end-to-end runs, so the rows that run a real n8n find
// it installed and the package prepared (a quick run installs nothing; a row whose n8n is missing says so).
await step('npm run bench -- --quick', async () => {
	const code = await run('npm', ['run', '--silent', 'bench', '--', '--quick'], {
		env: packageReady ? { NYNE_E2E_PREPARED: '1' } : {},
	});
	if (code === 0) passed += 1;
	else failed += 1;
});

durations.push(`npm test in all: ${minutes(Date.now() - started)}`);
console.log(`\n${durations.join('\n')}`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(reports, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
