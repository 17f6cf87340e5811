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

async function importJson(instance: N8nInstance, command: string, json: unknown): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'nyne-import-'));
	const file = join(dir, 'input.json');
	writeFileSync(file, JSON.stringify(json));
	try {
		await runOrThrow(instance, [command, `--input=${file}`]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function importCredentials(
	instance: N8nInstance,
	credentials: unknown[],
): Promise<void> {
	await importJson(instance, 'import:credentials', credentials);
}

export async function importWorkflow(instance: N8nInstance, workflow: unknown): Promise<void> {
	await importJson(instance, 'import:workflow', Array.isArray(workflow) ? workflow : [workflow]);
}

/** The JSON n8n prints with --rawOutput: it starts at the first line that begins with `{`. */
export function parseRawOutput(stdout: string): unknown {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start === -1) throw new Error(`no JSON in n8n output:\n${stdout}`);
	return JSON.parse(lines.slice(start).join('\n'));
}

export interface ExecuteResult extends CliResult {
	/** The parsed run data (--rawOutput), or undefined when n8n printed none (e.g. the workflow failed). */
	run?: unknown;
}

/** `n8n execute --id=ID --rawOutput`; never throws on a failed workflow, so tests can inspect errors. */
export async function execute(instance: N8nInstance, workflowId: string): Promise<ExecuteResult> {
	const result = await runN8n(instance, ['execute', `--id=${workflowId}`, '--rawOutput']);
	let run: unknown;
	try {
		run = parseRawOutput(result.stdout);
	} catch {
		run = undefined;
	}
	// On a loaded machine (three n8n versions' suites at once), 2.41's CLI was once ended by a signal after it had
	// printed a finished, successful run: the run is what the tests read, so that counts as the exit code 0 it is.
	const finished = (run as { finished?: boolean; status?: string } | undefined) ?? {};
	if (result.code === null && finished.finished === true && finished.status === 'success')
		return { ...result, code: 0, run };
	return { ...result, run };
}

/** Publishes (activates) a workflow. In n8n 2.x import always deactivates, and a running n8n only sees this after a restart. */
export async function publishWorkflow(instance: N8nInstance, workflowId: string): Promise<void> {
	await runOrThrow(instance, ['publish:workflow', `--id=${workflowId}`]);
}
