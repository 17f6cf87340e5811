import { spawn, type ChildProcess } from 'node:child_process';
import type { N8nInstance } from './n8nEnv';
import { n8nBin } from './paths';

export interface RunningN8n {
	/** Everything n8n printed so far (stdout and stderr interleaved). */
	output(): string;
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answersHealthz(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return response.ok;
	} catch {
		return false;
	}
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((r) => child.once('exit', () => r()));
}

/** `n8n start` in its own process group; resolves once /healthz answers and the readiness line is printed. */
export async function startN8n(
	instance: N8nInstance,
	options: { timeoutMs?: number } = {},
): Promise<RunningN8n> {
	return await startN8nProcess(instance, {
		args: ['start'],
		healthUrl: `${instance.baseUrl}/healthz`,
		ready: /Editor is now accessible/,
		...options,
	});
}

export interface N8nProcessOptions {
	/** `n8n` arguments: `start`, `worker --concurrency=10`, `webhook`. */
	args: string[];
	/** Answers 200 once the process is up. */
	healthUrl: string;
	/** The line the process prints when it is ready for work. */
	ready: RegExp;
	timeoutMs?: number;
}

/** Any long-running n8n command in its own process group, ready once its health URL answers and it printed `ready`. */
export async function startN8nProcess(
	instance: N8nInstance,
	options: N8nProcessOptions,
): Promise<RunningN8n> {
	const timeoutMs = options.timeoutMs ?? 120_000;
	const child = spawn(instance.node, [n8nBin(instance.n8nVersion), ...options.args], {
		env: instance.env,
		cwd: instance.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let log = '';
	child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (log += c.toString()));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
		const done = exited(child);
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const killed = await Promise.race([done.then(() => true), sleep(20_000).then(() => false)]);
		if (!killed) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
			await done;
		}
	};

	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n ${options.args[0]} exited with ${child.exitCode}:\n${log}`);
		if (options.ready.test(log) && (await answersHealthz(options.healthUrl))) {
			return { output: () => log, stop };
		}
		await sleep(250);
	}
	await stop();
	throw new Error(`n8n ${options.args[0]} did not become ready within ${timeoutMs} ms:\n${log}`);
}
