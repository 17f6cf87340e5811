// n8n Cloud eligibility as n8n's own CLI for community nodes judges it (@n8n/node-cli, pinned): strict mode and
// the default ESLint config (`n8n-node cloud-support`), and its lint over the repository (`n8n-node lint`).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../helpers/package/stagedPackage';

/** The environment of a shell, not of this runner: eslint-plugin-n8n-nodes-base renames files under NODE_ENV=test. */
const shellEnv = Object.fromEntries(
	Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
);

/** As a developer runs it at the root: `npx n8n-node …`, offline, with the per-folder configs (scripts/lint/README.md). */
function n8nNode(args: string[]) {
	const run = spawnSync('npx', ['--no-install', 'n8n-node', ...args], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		env: {
			...shellEnv,
			npm_config_offline: 'true',
			ESLINT_FLAGS: 'unstable_config_lookup_from_file',
			NO_COLOR: '1',
			FORCE_COLOR: '0',
		},
		timeout: 300_000,
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('n8n-node (n8n CLI for community nodes)', () => {
	it('cloud-support: strict mode on, the default ESLint config, eligible for n8n Cloud verification', () => {
		const { status, output } = n8nNode(['cloud-support']);
		expect(status, output).toBe(0);
		expect(output).toMatch(/Strict mode: enabled/);
		expect(output).toMatch(/ESLint config: using default config/);
		expect(output).toMatch(/Status: eligible/);
		expect(output).not.toMatch(/NOT eligible/);
	}, 120_000);

	it('lint: exits 0 over the whole repository', () => {
		const { status, output } = n8nNode(['lint']);
		expect(output).not.toMatch(/Strict mode violation|error/i);
		expect(status, output).toBe(0);
	}, 300_000);
});
