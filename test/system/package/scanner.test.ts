import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	runScanner,
	SCANNER_SOURCE,
	SCANNER_VERSION,
	SOURCE_FILE_PATTERNS,
	TARBALL_FILE_PATTERNS,
} from '../../helpers/package/scanLint';
import type { ScanReport } from '../../helpers/package/scanLint';
import { buildAndPackStagedCopy, REPO_ROOT } from '../../helpers/package/stagedPackage';
import type { StagedPackage } from '../../helpers/package/stagedPackage';

// n8n's verification gate (@n8n/scan-community-package), run offline: its lint over the source and over the
// unpacked npm tarball. Provenance and the download from npm/GitHub are left to the publish workflow.
describe(`n8n's community package scanner (${SCANNER_VERSION})`, () => {
	it('still uses the file patterns this test passes it', () => {
		const asWritten = (patterns: string[]) =>
			`[${patterns.map((pattern) => `'${pattern}'`).join(', ')}]`;
		expect(SCANNER_SOURCE).toContain(
			`export const SOURCE_FILE_PATTERNS = ${asWritten(SOURCE_FILE_PATTERNS)};`,
		);
		expect(SCANNER_SOURCE).toContain(
			`await analyzePackage(packageDir, ${asWritten(TARBALL_FILE_PATTERNS)});`,
		);
	});

	it('fails a violation hidden behind an inline eslint-disable comment (the gate is live)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'nyne-scan-fixture-'));
		try {
			mkdirSync(join(dir, 'nodes'));
			writeFileSync(
				join(dir, 'nodes', 'Wait.js'),
				'// eslint-disable-next-line\nsetTimeout(() => undefined, 10);\n',
			);
			const report = runScanner(dir, ['nodes/**/*.js']);
			expect(report.result.passed).toBe(false);
			expect(report.messages).toEqual([
				expect.stringMatching(
					/^nodes\/Wait\.js:2 error @n8n\/community-nodes\/no-restricted-globals /,
				),
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	describe('source leg: the repository, with the scanner source patterns', () => {
		let report: ScanReport;
		beforeAll(() => {
			report = runScanner(REPO_ROOT, SOURCE_FILE_PATTERNS);
		}, 120_000);

		it('covers package.json, every node and the credential', () => {
			expect(report.files).toEqual(
				expect.arrayContaining([
					'package.json',
					'nodes/Nyne/Nyne.node.ts',
					'nodes/Nyne/Nyne.node.json',
					'nodes/NyneTrigger/NyneTrigger.node.ts',
					'nodes/NyneFollowerTrigger/NyneFollowerTrigger.node.ts',
					'credentials/NyneApi.credentials.ts',
				]),
			);
		});

		it('passes analyzePackage, with no warnings either', () => {
			expect(report.messages).toEqual([]);
			expect(report.result).toEqual({ passed: true });
		});
	});

	describe('tarball leg: the unpacked npm pack, with the scanner tarball patterns', () => {
		let staged: StagedPackage | undefined;
		let report: ScanReport;
		beforeAll(() => {
			staged = buildAndPackStagedCopy();
			report = runScanner(staged.unpacked, TARBALL_FILE_PATTERNS);
		}, 300_000);
		afterAll(() => staged?.remove());

		it('covers the published package.json and the compiled nodes, credential and core', () => {
			expect(report.files).toEqual(
				expect.arrayContaining([
					'package.json',
					'dist/nodes/Nyne/Nyne.node.js',
					'dist/credentials/NyneApi.credentials.js',
					'dist/shared/index.js',
				]),
			);
		});

		it('passes analyzePackage, with no warnings either', () => {
			expect(report.messages).toEqual([]);
			expect(report.result).toEqual({ passed: true });
		});
	});
});
