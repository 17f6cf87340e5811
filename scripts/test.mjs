#!/usr/bin/env node
// The one test command (npm test): unit + sandbox + nodes + Zapier + fuzz + soak + secrets, Zapier validate, real-n8n e2e.
// vitest prints no summary line CI can read, so this sums the runners' JSON reports into "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.cache', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [
	{
		name: 'unit, sandbox, nodes, zapier, fuzz, soak, secrets',
		vitest: ['vitest.config.mts'],
		report: 'unit.json',
	},
	{
		name: 'zapier-platform validate --without-style',
		command: ['npm', ['run', '--silent', 'validate', '--prefix', 'zapier']],
	},
	{
		name: 'real n8n end-to-end',
		vitest: ['vitest.e2e.config.mts', 'vitest.e2e.config.ts'],
		report: 'e2e.json',
		needsN8n: true,
	},
];

let passed = 0;
let failed = 0;
const started = Date.now();
/** What each step took, printed after it and again at the end: "name: 3.7 min". */
const durations = [];
const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;

// The pinned n8n versions install into the cache (minutes on a machine without it) while the unit tests run;
// the end-to-end step waits for them. Progress goes to the terminal, prefixed, as it comes.
const n8nInstall = new Promise((resolve) => {
	const child = spawn(
		process.execPath,
		[join(root, 'scripts', 'n8n', 'install-n8n.mjs'), '--all'],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const relay = (chunk) => {
		for (const line of chunk.toString().split('\n'))
			if (line.trim()) console.log(`[n8n install] ${line}`);
	};
	child.stdout.on('data', relay);
	child.stderr.on('data', relay);
	child.on('close', (code) => {
		durations.push(
			`n8n installs (beside the steps before the end-to-end one): ${minutes(Date.now() - started)}`,
		);
		resolve(code ?? 1);
	});
	child.on('error', () => resolve(1));
});

function countVitest(file) {
	if (!existsSync(file)) return false;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	passed += report.numPassedTests ?? 0;
	failed += report.numFailedTests ?? 0;
	// A test file that failed to load has no failed test of its own: count it once.
	failed += (report.testResults ?? []).filter(
		(file) =>
			file.status === 'failed' &&
			!(file.assertionResults ?? []).some((test) => test.status === 'failed'),
	).length;
	return true;
}

for (const step of steps) {
	console.log(`\n=== ${step.name} ===`);
	const stepStarted = Date.now();
	if (step.needsN8n) {
		const waitStarted = Date.now();
		const code = await n8nInstall;
		durations.push(`waiting for the n8n installs: ${minutes(Date.now() - waitStarted)}`);
		if (code !== 0)
			console.log(
				`installing the pinned n8n versions failed (exit ${code}); the end-to-end setup tries again`,
			);
	}
	if (step.vitest) {
		const config = step.vitest.find((name) => existsSync(join(root, name)));
		if (!config) {
			console.log(`missing ${step.vitest.join(' or ')}`);
			failed += 1;
			continue;
		}
		const output = join(reports, step.report);
		const run = spawnSync(
			'npx',
			[
				'vitest',
				'run',
				'--config',
				config,
				'--reporter=default',
				'--reporter=json',
				`--outputFile.json=${output}`,
			],
			{
				cwd: root,
				stdio: 'inherit',
			},
		);
		if (!countVitest(output) || (run.status !== 0 && !existsSync(output))) failed += 1;
	} else {
		const [command, args] = step.command;
		const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
		if (run.status === 0) passed += 1;
		else failed += 1;
	}
	const took = `${step.name}: ${minutes(Date.now() - stepStarted)}`;
	durations.push(took);
	console.log(`=== ${took} ===`);
}

durations.push(`npm test in all: ${minutes(Date.now() - started)}`);
console.log(`\n${durations.join('\n')}`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(reports, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
