#!/usr/bin/env node
// npm run release -- <patch|minor|major|x.y.z>: bumps the version (npm version), moves CHANGELOG.md's
// Unreleased entries under it, commits and tags vX.Y.Z. It never publishes: pushing the tag
// (git push --follow-tags) runs .github/workflows/publish.yml, which publishes with npm provenance.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const BUMPS = ['patch', 'minor', 'major'];
const UNRELEASED = '## [Unreleased]';

function fail(message) {
	console.error(`release: ${message}`);
	process.exit(1);
}

function run(command, args) {
	return execFileSync(command, args, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
}

const bump = process.argv[2];
if (!bump || !(BUMPS.includes(bump) || /^\d+\.\d+\.\d+$/.test(bump))) {
	fail(`say which version: npm run release -- <${BUMPS.join('|')}|x.y.z>`);
}
if (run('git', ['status', '--porcelain']) !== '')
	fail('the working tree has uncommitted changes; commit or stash them first');

const changelog = readFileSync('CHANGELOG.md', 'utf8');
const start = changelog.indexOf(UNRELEASED);
if (start < 0) fail(`CHANGELOG.md has no "${UNRELEASED}" section`);
const afterHeading = start + UNRELEASED.length;
const nextSection = changelog.indexOf('\n## [', afterHeading);
const unreleased = changelog.slice(afterHeading, nextSection < 0 ? undefined : nextSection).trim();
if (unreleased === '') fail(`nothing to release: "${UNRELEASED}" in CHANGELOG.md is empty`);

const previous = JSON.parse(readFileSync('package.json', 'utf8')).version;
run('npm', ['version', bump, '--no-git-tag-version', '--ignore-scripts']);
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const tag = `v${version}`;

const repository = JSON.parse(readFileSync('package.json', 'utf8')).repository?.url ?? '';
const repoUrl = repository.replace(/^git\+/, '').replace(/\.git$/, '');
const today = new Date().toISOString().slice(0, 10);
let updated = `${changelog.slice(0, afterHeading)}\n\n## [${version}] - ${today}${changelog.slice(afterHeading)}`;
updated = updated.replace(
	/^\[Unreleased\]: .*$/m,
	`[Unreleased]: ${repoUrl}/compare/${tag}...HEAD\n[${version}]: ${repoUrl}/compare/v${previous}...${tag}`,
);
writeFileSync('CHANGELOG.md', updated);

run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
run('git', ['commit', '--quiet', '-m', `Release ${tag}`]);
run('git', ['tag', '-a', tag, '-m', tag]);
console.log(
	`Tagged ${tag}. Push it with "git push --follow-tags"; the Publish workflow publishes it to npm with provenance.`,
);
