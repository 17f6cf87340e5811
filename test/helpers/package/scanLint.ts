import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCANNER_FILE = createRequire(import.meta.url).resolve(
	'@n8n/scan-community-package/scanner/scanner.mjs',
);

/** The scanner's source text, to check the patterns it writes inline. */
export const SCANNER_SOURCE = readFileSync(SCANNER_FILE, 'utf8');
export const SCANNER_VERSION = (
	JSON.parse(readFileSync(join(dirname(SCANNER_FILE), '..', 'package.json'), 'utf8')) as {
		version: string;
	}
).version;

/** The scanner's exported SOURCE_FILE_PATTERNS (the test checks its source still declares exactly these). */
export const SOURCE_FILE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
/** The tarball leg's patterns, written inline in the scanner's analyzePackageByName (the test checks they are still these). */
export const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

export interface ScanReport {
	result: { passed: boolean; message?: string; details?: string };
	/** What analyzePackage linted. */
	files: string[];
	/** Every message, warnings included: "path:line severity rule text". */
	messages: string[];
}

/**
 * analyzePackage(dir, patterns) and its messages, from a plain Node process without vitest's NODE_ENV=test.
 * The scanner makes a temp folder when loaded and leaves it; TMPDIR points it into one this function removes.
 */
export function runScanner(dir: string, patterns: string[]): ScanReport {
	const scratch = mkdtempSync(join(tmpdir(), 'nyne-scanner-'));
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: scratch };
	delete env.NODE_ENV;
	delete env.VITEST;
	try {
		const output = execFileSync(
			process.execPath,
			[join(__dirname, 'runScanner.mjs'), dir, JSON.stringify(patterns)],
			{
				cwd: dir,
				env,
				encoding: 'utf8',
				maxBuffer: 16 << 20,
			},
		);
		return JSON.parse(output) as ScanReport;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
