#!/usr/bin/env node
// Runs the Zapier CLI pinned in zapier/'s devDependencies (zapier-platform-cli) in zapier/, on Node.js 22: the CLI
// refuses older Node, so on a machine with Node 20 it runs on the npm package `node@22`, installed once into the
// cache (as the n8n versions that need a newer Node do). `node scripts/zapier-cli.mjs validate --without-style`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureNodeMajor } from './n8n/node-runtime.mjs';

const CLI_NODE_MAJOR = 22;
const zapierDir = new URL('../zapier/', import.meta.url).pathname;
const cli = join(zapierDir, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
if (!existsSync(cli)) {
	console.error('zapier-platform-cli is not installed: run `npm ci --prefix zapier` first');
	process.exit(1);
}
const node =
	Number(process.versions.node.split('.')[0]) >= CLI_NODE_MAJOR
		? process.execPath
		: ensureNodeMajor(CLI_NODE_MAJOR);
// The CLI runs `npm run _zapier-build` and `node` itself: the same Node comes first on PATH for those.
const run = spawnSync(node, [cli, ...process.argv.slice(2)], {
	cwd: zapierDir,
	stdio: 'inherit',
	env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` },
});
process.exit(run.status ?? 1);
