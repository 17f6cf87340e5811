// Runs n8n's scanner lint (@n8n/scan-community-package) on one folder, as its CLI would: in plain Node, outside
// vitest, because eslint-plugin-n8n-nodes-base switches to a test mode (every file is "Test.node.ts") when
// NODE_ENV is "test". Usage: node runScanner.mjs <dir> '<patterns as JSON>'; prints one JSON object.
import { createRequire } from 'node:module';
import { relative } from 'node:path';

import { analyzePackage, buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [dir, patternsJson] = process.argv.slice(2);
const patterns = JSON.parse(patternsJson);

// ESLint and fast-glob as the scanner itself resolves them.
const scannerRequire = createRequire(
	createRequire(import.meta.url).resolve('@n8n/scan-community-package/scanner/scanner.mjs'),
);
const { ESLint } = scannerRequire('eslint');
const glob = scannerRequire('fast-glob');

// analyzePackage's own file list (same glob call and ignores).
const files = glob.sync(patterns, {
	cwd: dir,
	absolute: true,
	ignore: ['node_modules/**', '**/package-lock.json'],
});
const result = await analyzePackage(dir, patterns);

// The same ESLint set-up as analyzePackage, read message by message: analyzePackage only says whether errors
// exist, and prints warnings only beside an error.
const eslint = new ESLint({
	cwd: dir,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: await buildScanConfig(),
});
const messages =
	files.length === 0
		? []
		: (await eslint.lintFiles(files)).flatMap((file) =>
				file.messages.map(
					(m) =>
						`${relative(dir, file.filePath)}:${m.line} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId ?? ''} ${m.message}`,
				),
			);

process.stdout.write(
	JSON.stringify({
		result: { passed: result.passed, message: result.message, details: result.details },
		files: files.map((f) => relative(dir, f)).sort(),
		messages,
	}),
);
process.exitCode = 0;
