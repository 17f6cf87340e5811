import type { ChildProcess } from 'node:child_process';
export function runN8nCli(version: string, args: string[], env: NodeJS.ProcessEnv): string;
export function startN8nServer(
	version: string,
	env: NodeJS.ProcessEnv,
	baseUrl: string,
	timeoutMs?: number,
): Promise<ChildProcess>;
