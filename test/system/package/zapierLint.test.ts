import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../helpers/package/stagedPackage';

/** Where the probe is written in a copy of the app, so zapier/tsconfig.json takes it in like any app file. */
const PROBE_FILE = 'zapier/src/lintProbe.ts';

const PROBE = `import type { Bundle, ZObject } from 'zapier-platform-core';
import { createNyneClient } from './client.js';

export function probe(z: ZObject, bundle: Bundle): string {
	createNyneClient(z, bundle).getUsage();
	const parsed = JSON.parse('{}');
	setTimeout(() => undefined, 1);
	return parsed.name;
}
`;

const sourceFiles = (dir: string): string[] =>
	readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? sourceFiles(join(dir, entry.name))
			: entry.name.endsWith('.ts')
				? [join(dir, entry.name)]
				: [],
	);

const n8nRules = (rules: Record<string, unknown> | undefined) =>
	Object.keys(rules ?? {}).filter((id) => /^(@n8n\/|n8n-nodes-base\/)/.test(id));

/** The lint config, the app's sources and the core, with both node_modules linked: never the repository itself. */
function copyForLint(): string {
	const copy = mkdtempSync(join(tmpdir(), 'nyne-zapier-lint-'));
	for (const path of [
		'eslint.config.mjs',
		'shared',
		'zapier/eslint.config.mjs',
		'zapier/tsconfig.json',
		'zapier/src',
	])
		cpSync(join(REPO_ROOT, path), join(copy, path), { recursive: true });
	for (const path of ['node_modules', 'zapier/node_modules'])
		symlinkSync(join(REPO_ROOT, path), join(copy, path), 'dir');
	return copy;
}

/** ESLint as `npm run lint` runs it: each file takes its nearest config (scripts/lint/README.md). */
const lintFrom = (cwd: string) => new ESLint({ cwd, flags: ['unstable_config_lookup_from_file'] });

// `npm run lint` runs `eslint .`; zapier/eslint.config.mjs is the app's config: these check it reaches the app.
describe('ESLint over zapier/src (typescript-eslint, recommended type-checked)', () => {
	let eslint: ESLint;
	beforeAll(() => {
		eslint = lintFrom(REPO_ROOT);
	});

	it('lints every TypeScript file of zapier/src, and none of its build output or dependencies', async () => {
		const results = await eslint.lintFiles(['zapier']);
		const linted = results.map((result) => relative(REPO_ROOT, result.filePath));
		expect(linted.sort()).toEqual(sourceFiles('zapier/src').sort());
		expect(results.filter((result) => result.errorCount > 0)).toEqual([]);
		expect(await eslint.isPathIgnored('zapier/dist/index.js')).toBe(true);
	}, 120_000);

	// The probe is a file on disk, in a copy: with CI=true typescript-eslint type-checks what is on disk (its
	// single-run mode), so text swapped in through lintText would be linted against the wrong types.
	it('fails a floating promise and unsafe `any` in the app (the type-checked rules are live)', async () => {
		const copy = copyForLint();
		try {
			writeFileSync(join(copy, PROBE_FILE), PROBE);
			const [result] = await lintFrom(copy).lintFiles([PROBE_FILE]);
			const fired = result.messages.map((message) => `${message.line} ${message.ruleId}`);
			expect(fired).toEqual(
				expect.arrayContaining([
					'5 @typescript-eslint/no-floating-promises',
					'6 @typescript-eslint/no-unsafe-assignment',
					'8 @typescript-eslint/no-unsafe-member-access',
				]),
			);
			expect(result.messages.map((message) => message.message).join('\n')).not.toMatch(
				/could not be resolved|error typed/,
			);
			expect(result.errorCount).toBe(fired.length);
		} finally {
			rmSync(copy, { recursive: true, force: true });
		}
	}, 60_000);

	it('applies no n8n community-node rule to the app (they do apply to the n8n nodes)', async () => {
		const app = (await eslint.calculateConfigForFile(join(REPO_ROOT, 'zapier/src/index.ts'))) as {
			rules?: Record<string, unknown>;
		};
		const node = (await eslint.calculateConfigForFile(
			join(REPO_ROOT, 'nodes/Nyne/Nyne.node.ts'),
		)) as { rules?: Record<string, unknown> };
		expect(n8nRules(app.rules)).toEqual([]);
		expect(n8nRules(node.rules)).toContain('@n8n/community-nodes/no-restricted-globals');
	});
});
