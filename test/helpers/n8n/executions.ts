import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { N8nInstance } from './n8nEnv';
import { readerN8nDir } from './paths';

/** Modules resolved from the n8n installation itself, so the reader matches the format n8n wrote. */
export const requireFromN8n = createRequire(
	join(readerN8nDir(), 'node_modules', 'n8n', 'package.json'),
);

interface SqliteDatabase {
	all(
		sql: string,
		params: unknown[],
		callback: (error: Error | null, rows: unknown[]) => void,
	): void;
	close(callback: (error: Error | null) => void): void;
}
interface Sqlite3Module {
	OPEN_READONLY: number;
	Database: new (
		file: string,
		mode: number,
		callback: (error: Error | null) => void,
	) => SqliteDatabase;
}

export interface NodeRun {
	error?: { message?: string; description?: string; [k: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
	[k: string]: unknown;
}

export interface RunData {
	resultData: {
		runData: Record<string, NodeRun[]>;
		error?: { message?: string; [k: string]: unknown };
		lastNodeExecuted?: string;
	};
	executionData?: { nodeExecutionStack?: unknown[] };
	[k: string]: unknown;
}

export interface StoredExecution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
	data: RunData;
}

function openDatabase(file: string): Promise<SqliteDatabase> {
	const sqlite3 = requireFromN8n('sqlite3') as Sqlite3Module;
	return new Promise((resolveDb, reject) => {
		const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) =>
			error ? reject(error) : resolveDb(db),
		);
	});
}

export async function query<T>(file: string, sql: string, params: unknown[] = []): Promise<T[]> {
	const db = await openDatabase(file);
	try {
		return await new Promise<T[]>((resolveRows, reject) =>
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolveRows(rows as T[]))),
		);
	} finally {
		await new Promise<void>((r) => db.close(() => r()));
	}
}

export function databaseFile(instance: N8nInstance): string {
	return join(instance.userFolder, '.n8n', 'database.sqlite');
}

/** An execution as n8n's database row holds it (SQLite gives `finished` as 0 or 1, Postgres as a boolean). */
export interface ExecutionRow {
	id: number | string;
	workflowId: string;
	mode: string;
	status: string;
	finished: number | boolean;
	startedAt: string | null;
	stoppedAt: string | null;
	data: string | null;
}

/**
 * Whether the run data is what its status says ended: a success has run its nodes and has none left to run (the
 * data a waiting execution resumed from still has its waiting node on the stack); an error holds a node's run or
 * the workflow's error.
 */
function holdsEndedRun(status: string, data: RunData): boolean {
	const ran = Object.keys(data.resultData.runData).length > 0;
	if (status === 'success')
		return ran && (data.executionData?.nodeExecutionStack?.length ?? 0) === 0;
	if (status === 'error') return ran || data.resultData.error !== undefined;
	return true;
}

/**
 * The execution of a row, its run data decoded (n8n stores it "flatted"). n8n 1.x on SQLite writes an ending
 * execution's status and its run data in two statements; a row read between them, ended but still holding the run
 * data it started or resumed with, is reported as running, so no reader sees a finished run without its data.
 */
export function decodeExecution(row: ExecutionRow): StoredExecution {
	const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
	const stored = ((row.data ? flatted.parse(row.data) : undefined) ?? {}) as Partial<RunData>;
	// a running manual execution is stored with an empty list for its data
	const data = { ...stored, resultData: stored.resultData ?? { runData: {} } } as RunData;
	const halfWritten = !holdsEndedRun(row.status, data);
	return {
		id: String(row.id),
		workflowId: row.workflowId,
		mode: row.mode,
		status: halfWritten ? 'running' : row.status,
		finished: !halfWritten && (row.finished === 1 || row.finished === true),
		startedAt: row.startedAt,
		stoppedAt: row.stoppedAt,
		data,
	};
}

const SELECT_EXECUTIONS = `SELECT e.id, e.workflowId, e.mode, e.status, e.finished, e.startedAt, e.stoppedAt, d.data
	FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id`;

/** Finished or waiting executions of a workflow, oldest first, with their run data decoded (n8n stores it "flatted"). */
export async function listExecutions(
	instance: N8nInstance,
	workflowId: string,
): Promise<StoredExecution[]> {
	const rows = await query<ExecutionRow>(
		databaseFile(instance),
		`${SELECT_EXECUTIONS} WHERE e.workflowId = ? ORDER BY e.id ASC`,
		[workflowId],
	);
	return rows.map(decodeExecution);
}

/** One execution by its id, its run data decoded; undefined while n8n has not stored it. */
export async function readExecution(
	instance: N8nInstance,
	executionId: string,
): Promise<StoredExecution | undefined> {
	const [row] = await query<ExecutionRow>(
		databaseFile(instance),
		`${SELECT_EXECUTIONS} WHERE e.id = ?`,
		[executionId],
	);
	return row ? decodeExecution(row) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the database until `predicate` holds for the workflow's executions, or fails with what was there. */
export async function waitForExecutions(
	instance: N8nInstance,
	workflowId: string,
	predicate: (executions: StoredExecution[]) => boolean,
	options: PollOptions = {},
): Promise<StoredExecution[]> {
	return pollExecutions(workflowId, () => listExecutions(instance, workflowId), predicate, options);
}

export interface PollOptions {
	timeoutMs?: number;
	intervalMs?: number;
}

/** Reads the workflow's executions with `list` until `predicate` holds for them, or fails with what was there. */
export async function pollExecutions(
	workflowId: string,
	list: () => StoredExecution[] | Promise<StoredExecution[]>,
	predicate: (executions: StoredExecution[]) => boolean,
	options: PollOptions = {},
): Promise<StoredExecution[]> {
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	let last: StoredExecution[] = [];
	while (Date.now() < deadline) {
		last = await list();
		if (predicate(last)) return last;
		await sleep(options.intervalMs ?? 500);
	}
	throw new Error(
		`executions of ${workflowId} did not reach the expected state; found: ${JSON.stringify(
			last.map((e) => ({ id: e.id, status: e.status, mode: e.mode })),
		)}`,
	);
}

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

/** Every item a node produced on its first output in its last run. */
export function nodeItems(data: RunData, nodeName: string): OutputItem[] {
	const runs = data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run`);
	return runs[runs.length - 1].data?.main?.[0] ?? [];
}

/** The JSON of every item a node produced on its first output in its last run. */
export function nodeOutput(data: RunData, nodeName: string): Array<Record<string, unknown>> {
	return nodeItems(data, nodeName).map((item) => item.json);
}

/** The error n8n recorded for a failed run: the node's, else the workflow's. */
export function runError(
	data: RunData,
	nodeName: string,
): { message?: string; description?: string; [k: string]: unknown } | undefined {
	const runs = data.resultData.runData[nodeName];
	return runs?.[runs.length - 1]?.error ?? data.resultData.error;
}
