import type { ChildProcess } from 'node:child_process';
export function runN8nCli(args: string[], env: NodeJS.ProcessEnv): string;
export function startN8nServer(env: NodeJS.ProcessEnv, baseUrl: string, timeoutMs?: number): Promise<ChildProcess>;
