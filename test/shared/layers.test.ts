import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve, sep } from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layer rule of docs/architecture.md, checked on the code. The doc's table "The layers" is the one list of which
 * file of shared/ is in which layer (rows from the highest layer down); this test reads it, so the doc and the
 * check cannot drift apart.
 */

const ROOT = resolve(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'architecture.md');
/** The one package the core may import (see docs/architecture.md). */
const PACKAGES_ALLOWED = new Set(['zod']);

/** Layer rank per file (repository-relative, posix): higher imports lower, never the other way. */
function readLayers(markdown: string): Map<string, { layer: string; rank: number }> {
	const section = markdown.split(/^## The layers$/m)[1]?.split(/^## /m)[0] ?? '';
	const rows = section
		.split('\n')
		.filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
		.slice(1) // the header
		.map((line) => line.split('|').map((cell) => cell.trim()));
	const layers = new Map<string, { layer: string; rank: number }>();
	rows.forEach((cells, index) => {
		const layer = cells[1];
		const rank = rows.length - index;
		for (const [, file] of cells.join(' ').matchAll(/`(shared\/[^`]+\.ts)`/g)) {
			if (layers.has(file)) throw new Error(`${file} is listed in two layers`);
			layers.set(file, { layer, rank });
		}
	});
	return layers;
}

/** The .ts files under a folder of the repository, repository-relative with '/'. */
function tsFiles(dir: string): string[] {
	return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(path);
		return entry.name.endsWith('.ts') ? [path.split(sep).join('/')] : [];
	});
}

/** Every module a file names: imports (type-only too), re-exports and dynamic imports. */
function importsOf(file: string): string[] {
	const source = readFileSync(join(ROOT, file), 'utf8');
	const named = ts
		.preProcessFile(source, true, true)
		.importedFiles.map((imported) => imported.fileName);
	return [...new Set(named)];
}

/** A relative specifier as the repository-relative .ts file it names; a package name as it is. */
function resolveImport(from: string, specifier: string): { file: string } | { package: string } {
	if (!specifier.startsWith('.')) return { package: specifier };
	const target = posix.normalize(posix.join(posix.dirname(from), specifier));
	if (target.endsWith('.js')) return { file: target.replace(/\.js$/, '.ts') };
	if (target.endsWith('.ts')) return { file: target };
	return { file: existsSync(join(ROOT, `${target}.ts`)) ? `${target}.ts` : `${target}/index.ts` };
}

/** What breaks the rule in one file's imports, in words. */
function violationsOf(
	file: string,
	specifiers: string[],
	layers: Map<string, { layer: string; rank: number }>,
): string[] {
	const own = layers.get(file);
	if (!own) return [`${file} is in no layer of docs/architecture.md`];
	return specifiers.flatMap((specifier) => {
		const target = resolveImport(file, specifier);
		if ('package' in target)
			return PACKAGES_ALLOWED.has(target.package)
				? []
				: [`${file} imports the package ${target.package}`];
		if (!target.file.startsWith('shared/'))
			return [`${file} (${own.layer}) imports ${target.file}, outside the core`];
		const other = layers.get(target.file);
		if (!other) return [`${file} imports ${target.file}, which is in no layer`];
		return other.rank > own.rank
			? [`${file} (${own.layer}) imports ${target.file} (${other.layer}, a higher layer)`]
			: [];
	});
}

describe("the core's layers (docs/architecture.md)", () => {
	const layers = readLayers(readFileSync(DOC, 'utf8'));
	const files = tsFiles('shared');

	it('the rule catches an import from a higher layer, from outside the core and of another package', () => {
		const sample = new Map([
			['shared/top.ts', { layer: 'top', rank: 2 }],
			['shared/low/bottom.ts', { layer: 'bottom', rank: 1 }],
		]);
		expect(violationsOf('shared/top.ts', ['./low/bottom.js', 'zod'], sample)).toEqual([]);
		expect(violationsOf('shared/low/bottom.ts', ['../top.js'], sample)).toEqual([
			'shared/low/bottom.ts (bottom) imports shared/top.ts (top, a higher layer)',
		]);
		expect(violationsOf('shared/low/bottom.ts', ['../../nodes/common/errors'], sample)).toEqual([
			'shared/low/bottom.ts (bottom) imports nodes/common/errors.ts, outside the core',
		]);
		expect(violationsOf('shared/top.ts', ['n8n-workflow'], sample)).toEqual([
			'shared/top.ts imports the package n8n-workflow',
		]);
		expect(violationsOf('shared/new.ts', [], sample)).toEqual([
			'shared/new.ts is in no layer of docs/architecture.md',
		]);
	});

	it('places every file of shared/ in one layer, and names no file that is gone', () => {
		expect(files.length).toBeGreaterThan(40);
		expect(files.filter((file) => !layers.has(file))).toEqual([]);
		expect([...layers.keys()].filter((file) => !files.includes(file))).toEqual([]);
	});

	it('no file of shared/ imports from a higher layer, from outside the core, or a package but zod', () => {
		const violations = files.flatMap((file) => violationsOf(file, importsOf(file), layers));
		expect(violations).toEqual([]);
	});

	it('the products reach the core only through shared/index.ts', () => {
		const adapterFiles = ['nodes', 'credentials', 'zapier/src'].flatMap(tsFiles);
		expect(adapterFiles.length).toBeGreaterThan(50);
		const reachingIn = adapterFiles.flatMap((file) =>
			importsOf(file).flatMap((specifier) => {
				const target = resolveImport(file, specifier);
				if (!('file' in target) || !target.file.startsWith('shared/')) return [];
				return target.file === 'shared/index.ts' ? [] : [`${file} imports ${target.file}`];
			}),
		);
		expect(reachingIn).toEqual([]);
	});
});
