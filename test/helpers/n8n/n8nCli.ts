import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { N8nInstance } from './n8nEnv';
import { n8nBin } from './paths';

export interface CliResult {
	code: number | null;
	/** The signal that ended the process, when one did (code is then null). */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Runs `n8n <args>` against an instance's user folder and collects its output. */
export async function runN8n(
	instance: N8nInstance,
	args: string[],
	timeoutMs = 180_000,
): Promise<CliResult> {
	const started = Date.now();
	return await new Promise((resolveRun, reject) => {
		const child = spawn(instance.node, [n8nBin(instance.n8nVersion), ...args], {
			env: instance.env,
			cwd: instance.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`),
			);
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolveRun({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

async function runOrThrow(instance: N8nInstance, args: string[]): Promise<CliResult> {
	const result = await runN8n(instance, args);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args[0]} exited with ${result.code}\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result;
}

/** `n8n import:workflow`: one n8n boot. The suites import over REST (editorImport.ts); this migrates a new database. */
export async function importWorkflow(instance: N8nInstance, workflow: unknown): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'nyne-import-'));
	const file = join(dir, 'input.json');
	writeFileSync(file, JSON.stringify(Array.isArray(workflow) ? workflow : [workflow]));
	try {
		await runOrThrow(instance, ['import:workflow', `--input=${file}`]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
