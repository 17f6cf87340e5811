// Runs a cached n8n's CLI and server for scripts (npm start), on the Node.js that version needs.
// Tests have their own typed harness.
import { spawn, spawnSync } from 'node:child_process';
import { n8nNodeRuntime } from './node-runtime.mjs';
import { n8nBinPath } from './paths.mjs';

export function runN8nCli(version, args, env) {
	const runtime = n8nNodeRuntime(version);
	const result = spawnSync(runtime.node, [n8nBinPath(version), ...args], {
		env: { ...env, ...runtime.env },
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result.stdout;
}

/** Starts `n8n start` with output passed through; resolves when /healthz answers. */
export async function startN8nServer(version, env, baseUrl, timeoutMs = 180_000) {
	const runtime = n8nNodeRuntime(version);
	const child = spawn(runtime.node, [n8nBinPath(version), 'start'], {
		env: { ...env, ...runtime.env },
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}`);
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			});
			if (response.ok) return child;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	child.kill('SIGTERM');
	throw new Error(`n8n did not answer on ${baseUrl} within ${timeoutMs / 1000} s`);
}
