#!/usr/bin/env node
// The one test command (npm test): unit + sandbox + nodes + Zapier + fuzz + soak + secrets, Zapier validate, real-n8n e2e,
// and a quick pass of the bench.
// vitest prints no summary line CI can read, so this sums the runners' JSON reports into "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { bootstrap } from './bootstrap.mjs';
import { isN8nInstalled } from './n8n/install-n8n.mjs';
import {
	installOrder,
	pinnedN8nVersion,
	readerN8nVersion,
	selectedN8nVersions,
} from './n8n/versions.mjs';

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

// The pinned n8n versions install into the cache (minutes each on a machine without them) while the steps before
// run: first the reader (the n8n on this machine's Node whose sqlite3 every version's tests read n8n's database
// with), then the rest side by side. A version's suites start as soon as it and the reader are installed, so the
// later installs overlap the earlier tests.
const e2eVersions = selectedN8nVersions();
const installVersions = installOrder(e2eVersions);
const reader = readerN8nVersion();
/** The versions whose install was already reported in `durations`. */
const announced = new Set();
let installer;
const n8nInstall = new Promise((resolve) => {
	const child = spawn(
		process.execPath,
		[
			join(root, 'scripts', 'n8n', 'install-n8n.mjs'),
			...installVersions.map((v) => `--version=${v}`),
		],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	installer = child;
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

async function vitest(config, report, { env = {}, e2e = false, files = [], prefix } = {}) {
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
			...files,
		],
		{ env, prefix },
	);
	if (!countVitest(output, { e2e }) || (code !== 0 && !existsSync(output))) failed += 1;
}

/** Prints what each step took and the line CI reads, writes that line where .ci/run reads it, and exits. */
function finish() {
	durations.push(`npm test in all: ${minutes(Date.now() - started)}`);
	console.log(`\n${durations.join('\n')}`);
	const summary = `${passed} passed, ${failed} failed`;
	writeFileSync(join(reports, 'summary.txt'), `${summary}\n`);
	console.log(`\n${summary}`);
	process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

async function step(name, body) {
	console.log(`\n=== ${name} ===`);
	const stepStarted = Date.now();
	await body();
	const took = `${name}: ${minutes(Date.now() - stepStarted)}`;
	durations.push(took);
	console.log(`=== ${took} ===`);
}

// The repository's own dependencies, while the installer above already fetches n8n: nothing else runs without them.
let dependenciesReady = false;
await step('npm ci (root and zapier/), where missing or stale', async () => {
	dependenciesReady = await bootstrap();
	if (!dependenciesReady) failed += 1;
});
if (!dependenciesReady) {
	installer?.kill();
	finish();
}

// `--e2e` leaves out the unit suite and Zapier's validate: only the real-n8n suites and the quick bench run.
const unitToo = !process.argv.includes('--e2e');
if (unitToo)
	await step('zapier-platform validate --without-style', async () => {
		const code = await run('npm', ['run', '--silent', 'validate', '--prefix', 'zapier']);
		if (code === 0) passed += 1;
		else failed += 1;
	});

// Everything else runs as jobs on a few lanes side by side: the unit suite (unit, sandbox, nodes, Zapier, fuzz,
// soak, secrets; first, since it needs no n8n), each real-n8n suite on each n8n version, and the quick bench, whose
// real-n8n rows need 2.41.1 and 2.8.4. A lane takes the longest job whose n8n is installed, so the installs overlap
// the tests of the versions installed before them. A suite proves a version only where it is meant to (the editor
// and queue mode on 2.x, the builder on the newest), so a job may run no test (--passWithNoTests); below, a file
// that ran no test on any version counts as a failure.
let packageReady = false;
await step('build, pack and prepare the package for n8n', async () => {
	const code = await run(process.execPath, [
		join(root, 'scripts', 'n8n', 'ensure-n8n.mjs'),
		'--package-only',
	]);
	packageReady = code === 0;
	if (!packageReady) failed += 1;
});

const E2E_DIR = 'test/system/n8n';
/** Seconds each suite took on 2.41.1 on this kind of machine (other versions run the same or fewer tests). */
const SUITE_SECONDS = {
	queueMode: 190,
	aiAgentTool: 120,
	nyneSoak: 90,
	editorJourney: 70,
	mcpServerTrigger: 65,
	nyneActions: 60,
	nyneFollowerTrigger: 55,
	nyneCallbacks: 45,
	examples: 30,
	nyneRetryOnFail: 30,
	builderSearch: 25,
	nyneReferences: 25,
	builtinNodes: 18,
};
const BENCH_SECONDS = 130;
const laneCount = Math.max(1, Number.parseInt(process.env.NYNE_E2E_LANES ?? '3', 10) || 1);
const suiteFiles = readdirSync(join(root, E2E_DIR))
	.filter((name) => name.endsWith('.test.ts'))
	.map((name) => `${E2E_DIR}/${name}`);
const jobs = [
	...(unitToo
		? [
				{
					name: 'unit, sandbox, nodes, zapier, fuzz, soak, secrets',
					versions: [],
					seconds: Number.POSITIVE_INFINITY,
					run: () =>
						vitest('vitest.config.mts', 'unit.json', {
							prefix: laneCount > 1 ? '[unit]' : undefined,
						}),
				},
			]
		: []),
	...e2eVersions.flatMap((version) =>
		suiteFiles.map((file) => {
			const suite = basename(file, '.test.ts');
			return {
				name: `${version} ${suite}`,
				versions: [version],
				seconds: SUITE_SECONDS[suite] ?? 20,
				run: () =>
					vitest('vitest.e2e.config.mts', `e2e-${version}-${suite}.json`, {
						env: { NYNE_E2E_N8N: version, NYNE_E2E_PREPARED: '1' },
						e2e: true,
						files: [file],
						prefix: laneCount > 1 ? `[${version} ${suite}]` : undefined,
					}),
			};
		}),
	),
	{
		name: 'npm run bench -- --quick',
		versions: [pinnedN8nVersion('latest'), pinnedN8nVersion('n8n2')],
		seconds: BENCH_SECONDS,
		run: async () => {
			const code = await run('npm', ['run', '--silent', 'bench', '--', '--quick'], {
				env: { NYNE_E2E_PREPARED: '1' },
				prefix: laneCount > 1 ? '[bench]' : undefined,
			});
			if (code === 0) passed += 1;
			else failed += 1;
		},
	},
].sort((a, b) => b.seconds - a.seconds);

const installed = (job) =>
	job.versions.length === 0 || [reader, ...job.versions].every((v) => !v || isN8nInstalled(v));
let installerEnded = false;
void n8nInstall.then(() => {
	installerEnded = true;
});
/** The longest job whose n8n versions are installed; any job once the installer has ended (its setup retries). */
async function nextJob() {
	for (;;) {
		if (jobs.length === 0) return undefined;
		const index = installerEnded ? 0 : jobs.findIndex(installed);
		if (index >= 0) return jobs.splice(index, 1)[0];
		await new Promise((resolve) => setTimeout(resolve, 2_000));
	}
}

// Without the package, only the unit suite can run (the failed build was counted above).
if (!packageReady) jobs.splice(0, jobs.length, ...jobs.filter((job) => job.versions.length === 0));
await step(
	`${unitToo ? 'unit, ' : ''}real n8n end-to-end and the quick bench, ${laneCount} lanes`,
	() =>
		Promise.all(
			Array.from({ length: laneCount }, async () => {
				for (let job = await nextJob(); job; job = await nextJob()) {
					const jobStarted = Date.now();
					await job.run();
					durations.push(`  ${job.name}: ${minutes(Date.now() - jobStarted)}`);
				}
			}),
		),
);
for (const [file, tests] of e2eTestsPerFile)
	if (tests === 0) {
		console.log(`${file} ran no test on any n8n version`);
		failed += 1;
	}

finish();
