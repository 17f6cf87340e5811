// Redis and Postgres for n8n's queue mode: Debian's own packages (installed with apt-get when missing), each
// started on a free 127.0.0.1 port with its data in a temporary folder, and stopped and removed afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	database: string;
	user: string;
	/** Runs SQL with psql and returns its unaligned, tuples-only output. */
	sql(statement: string): string;
}

const isRoot = process.getuid?.() === 0;

function run(command: string, args: string[], options: { input?: string } = {}): string {
	const result = spawnSync(command, args, {
		encoding: 'utf8',
		input: options.input,
		maxBuffer: 512 * 1024 * 1024,
	});
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr || result.stdout}`,
		);
	return result.stdout;
}

/** Debian's PostgreSQL server binaries (initdb, pg_ctl) live in a versioned folder outside PATH. */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).filter((name) =>
		existsSync(join(root, name, 'bin', 'pg_ctl')),
	);
	versions.sort((a, b) => Number(b) - Number(a));
	return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

const hasRedis = () => spawnSync('redis-server', ['--version']).status === 0;
const hasPostgres = () =>
	postgresBin() !== undefined && spawnSync('psql', ['--version']).status === 0;

/** Installs Debian's redis-server and postgresql when either is missing (as root, or through sudo). */
export function ensureQueueServices(log: (line: string) => void = console.error): void {
	const missing = [
		...(hasRedis() ? [] : ['redis-server']),
		...(hasPostgres() ? [] : ['postgresql']),
	];
	if (missing.length === 0) return;
	log(`installing ${missing.join(' and ')} with apt-get`);
	const sudo = isRoot ? [] : ['sudo', '-n'];
	const apt = (args: string[]) => {
		const [command, ...rest] = [...sudo, 'apt-get', ...args];
		const result = spawnSync(command, rest, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (result.status !== 0)
			throw new Error(
				`apt-get ${args.join(' ')} failed (exit ${result.status}); install ${missing.join(' and ')} by hand`,
			);
	};
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', ...missing]);
	if (!hasRedis() || !hasPostgres())
		throw new Error(`${missing.join(' and ')} still missing after apt-get install`);
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((r) => child.once('exit', () => r()));
}

export async function startRedis(): Promise<Service> {
	const port = await freePort();
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let log = '';
	child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
	const deadline = Date.now() + 20_000;
	while (!/Ready to accept connections/.test(log)) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		port,
		stop: async () => {
			const done = exited(child);
			child.kill('SIGTERM');
			await done;
		},
	};
}

/** Runs a command as the postgres user when this is root (PostgreSQL refuses to run as root), else as is. */
function asPostgres(command: string[]): string {
	const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
	return isRoot
		? run('su', ['postgres', '-s', '/bin/sh', '-c', quoted])
		: run('sh', ['-c', quoted]);
}

export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'nyne-pg-'));
	const data = join(dir, 'data');
	chmodSync(dir, 0o777);
	if (isRoot) run('chown', ['postgres:postgres', dir]);
	const user = 'postgres';
	const database = 'n8n';
	asPostgres([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', user, '--no-sync']);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	asPostgres([
		join(bin, 'pg_ctl'),
		'-D',
		data,
		'-o',
		options,
		'-l',
		join(dir, 'server.log'),
		'-w',
		'start',
	]);
	const psql = (args: string[], input?: string) =>
		run(
			'psql',
			['-h', '127.0.0.1', '-p', String(port), '-U', user, '-v', 'ON_ERROR_STOP=1', ...args],
			{ input },
		);
	psql(['-d', 'postgres', '-c', `CREATE DATABASE ${database}`]);
	return {
		port,
		database,
		user,
		sql: (statement) => psql(['-d', database, '-At', '-f', '-'], statement),
		stop: async () => {
			try {
				asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}
