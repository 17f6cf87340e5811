import { execFileSync, spawnSync } from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../helpers/package/stagedPackage';

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
	version: string;
	scripts: Record<string, string>;
};
const REAL_NPM = execFileSync('which', ['npm'], { encoding: 'utf8' }).trim();

/** A git repository holding this package's release inputs, with an `npm` on PATH that logs every call. */
function releaseSandbox(root: string) {
	const repo = join(root, 'repo');
	const bin = join(root, 'bin');
	const npmCalls = join(root, 'npm-calls.log');
	mkdirSync(join(repo, 'scripts'), { recursive: true });
	mkdirSync(bin);
	for (const file of [
		'package.json',
		'package-lock.json',
		'CHANGELOG.md',
		join('scripts', 'release.mjs'),
	]) {
		copyFileSync(join(REPO_ROOT, file), join(repo, file));
	}
	writeFileSync(
		join(bin, 'npm'),
		`#!/bin/sh\nprintf '%s\\n' "$*" >> '${npmCalls}'\nexec '${REAL_NPM}' "$@"\n`,
	);
	chmodSync(join(bin, 'npm'), 0o755);
	writeFileSync(npmCalls, '');
	const env = {
		...process.env,
		PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_AUTHOR_NAME: 'Release Test',
		GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
		GIT_COMMITTER_NAME: 'Release Test',
		GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
		// Whatever happens, nothing reaches a registry: a closed loopback port.
		npm_config_registry: 'http://127.0.0.1:9/',
	};
	const git = (...args: string[]) =>
		execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
	git('init', '--quiet', '--initial-branch=main');
	git('add', '.');
	git('commit', '--quiet', '-m', 'start');
	const release = (...args: string[]) =>
		spawnSync(process.execPath, [join('scripts', 'release.mjs'), ...args], {
			cwd: repo,
			env,
			encoding: 'utf8',
		});
	const read = (file: string) => readFileSync(join(repo, file), 'utf8');
	return {
		repo,
		git,
		release,
		read,
		npmCalls: () => readFileSync(npmCalls, 'utf8').split('\n').filter(Boolean),
	};
}

function nextMinor(version: string): string {
	const [major, minor] = version.split('.').map(Number);
	return `${major}.${minor + 1}.0`;
}

describe('npm run release', () => {
	let root: string;
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'nyne-release-'));
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('is the release script, and no package.json script publishes', () => {
		expect(PACKAGE.scripts.release).toBe('node scripts/release.mjs');
		expect(Object.values(PACKAGE.scripts).filter((command) => /\bpublish\b/.test(command))).toEqual(
			[],
		);
	});

	it('bumps the version, dates the Unreleased entries, commits and tags, and never publishes', () => {
		const sandbox = releaseSandbox(root);
		const version = nextMinor(PACKAGE.version);
		const run = sandbox.release('minor');
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toContain(`Tagged v${version}.`);

		expect(JSON.parse(sandbox.read('package.json')).version).toBe(version);
		const lock = JSON.parse(sandbox.read('package-lock.json'));
		expect([lock.version, lock.packages[''].version]).toEqual([version, version]);

		const changelog = sandbox.read('CHANGELOG.md');
		expect(changelog).toMatch(
			new RegExp(
				`## \\[Unreleased\\]\\n\\n## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}\\n\\n### Added`,
			),
		);
		expect(changelog).toContain(`## [${PACKAGE.version}] - `);
		expect(changelog).toContain(
			`[Unreleased]: https://github.com/nyne-ai/n8n-nodes-nyne/compare/v${version}...HEAD`,
		);
		expect(changelog).toContain(
			`[${version}]: https://github.com/nyne-ai/n8n-nodes-nyne/compare/v${PACKAGE.version}...v${version}`,
		);

		expect(sandbox.git('log', '-1', '--format=%s')).toBe(`Release v${version}`);
		expect(sandbox.git('rev-parse', `v${version}^{commit}`)).toBe(sandbox.git('rev-parse', 'HEAD'));
		expect(sandbox.git('status', '--porcelain')).toBe('');
		expect(sandbox.npmCalls()).toEqual(['version minor --no-git-tag-version --ignore-scripts']);
	});

	it('refuses without a version kind, with uncommitted changes, or with nothing Unreleased, and changes nothing', () => {
		const sandbox = releaseSandbox(root);
		const head = sandbox.git('rev-parse', 'HEAD');

		const noKind = sandbox.release();
		expect(noKind.status).toBe(1);
		expect(noKind.stderr).toContain('npm run release -- <patch|minor|major|x.y.z>');

		writeFileSync(
			join(sandbox.repo, 'CHANGELOG.md'),
			sandbox
				.read('CHANGELOG.md')
				.replace(/## \[Unreleased\][\s\S]*?(?=\n## \[)/, '## [Unreleased]\n'),
		);
		const dirty = sandbox.release('patch');
		expect(dirty.status).toBe(1);
		expect(dirty.stderr).toContain('uncommitted changes');

		sandbox.git('commit', '--quiet', '-am', 'nothing unreleased');
		const empty = sandbox.release('patch');
		expect(empty.status).toBe(1);
		expect(empty.stderr).toContain('nothing to release');

		expect(JSON.parse(sandbox.read('package.json')).version).toBe(PACKAGE.version);
		expect(sandbox.git('tag', '--list')).toBe('');
		expect(sandbox.git('rev-list', '--count', `${head}..HEAD`)).toBe('1');
		expect(sandbox.npmCalls()).toEqual([]);
	});
});
