// The values (not types) the shipped package takes from n8n-workflow must exist in the n8n-workflow of every
// pinned n8n: n8n resolves that import to its own copy at run time, so a missing export is `undefined` there,
// and fails a user's workflow (as `sleepWithAbort` did on 2.41) rather than the build.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { n8nNodeRuntime } from '../../../scripts/n8n/node-runtime.mjs';
import { n8nCacheDir, REPO_ROOT } from '../../helpers/n8n';
import { latest, N8N_TARGETS } from '../../helpers/n8n/targets';

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return jsFiles(path);
		return path.endsWith('.js') ? [path] : [];
	});
}

/** Every `n8n-workflow` export the compiled package reads (tsc compiles `import { X }` to `<binding>.X`). */
function usedExports(): string[] {
	const used = new Set<string>();
	for (const file of jsFiles(join(REPO_ROOT, 'dist'))) {
		const source = readFileSync(file, 'utf8');
		for (const [, binding] of source.matchAll(
			/(?:const|var|let)\s+(\w+)\s*=\s*require\("n8n-workflow"\)/g,
		)) {
			for (const [, name] of source.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g')))
				used.add(name);
		}
	}
	return [...used].sort();
}

/** The run-time exports of the n8n-workflow an n8n version resolves, listed by that version's own Node. */
function exportsOf(version: string): Set<string> {
	const fromN8n = createRequire(join(n8nCacheDir(version), 'node_modules', 'n8n', 'package.json'));
	const entry = fromN8n.resolve('n8n-workflow');
	const runtime = n8nNodeRuntime(version);
	const listed = spawnSync(
		runtime.node,
		['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(entry)}))))`],
		{
			encoding: 'utf8',
			env: { ...process.env, ...runtime.env },
		},
	);
	if (listed.status !== 0)
		throw new Error(`listing n8n-workflow of n8n ${version} failed: ${listed.stderr}`);
	return new Set(JSON.parse(listed.stdout) as string[]);
}

function missingExports(names: string[], version: string): string[] {
	const available = exportsOf(version);
	return names.filter((name) => !available.has(name));
}

describe('the n8n-workflow values the package uses', () => {
	const used = usedExports();

	it('are read from the compiled package (the errors, the connection types and sleep; never sleepWithAbort)', () => {
		expect(used).toEqual(
			expect.arrayContaining([
				'NodeApiError',
				'NodeOperationError',
				'NodeConnectionTypes',
				'sleep',
			]),
		);
		expect(used).not.toContain('sleepWithAbort');
	});

	for (const target of N8N_TARGETS) {
		it(`all exist in the n8n-workflow of n8n ${target.version}`, () => {
			expect(missingExports(used, target.version)).toEqual([]);
		});
	}

	it('the check fails for a name an n8n-workflow does not export', () => {
		for (const target of N8N_TARGETS) {
			expect(missingExports(['sleep', 'noSuchN8nWorkflowExport'], target.version)).toEqual([
				'noSuchN8nWorkflowExport',
			]);
		}
	});

	it.runIf(N8N_TARGETS.includes(latest))(
		`the check fails for sleepWithAbort on n8n ${latest.version}, the export 0.1.0 used`,
		() => {
			expect(missingExports(['sleepWithAbort'], latest.version)).toEqual(['sleepWithAbort']);
		},
	);
});
