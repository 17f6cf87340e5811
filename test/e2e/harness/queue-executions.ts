// Executions and workflow static data as n8n stored them in Postgres (queue mode), read with Debian's psql.
import { requireFromN8n, type RunData, type StoredExecution } from './executions';
import type { Postgres } from './queue-services';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

interface Row {
	id: number | string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
	data: string | null;
}

function jsonRows<T>(postgres: Postgres, select: string): T[] {
	const out = postgres.sql(`SELECT coalesce(json_agg(t), '[]'::json) FROM (${select}) t;`).trim();
	return JSON.parse(out) as T[];
}

/** Every execution of a workflow, oldest first, with its run data decoded (n8n stores it "flatted"). */
export function listQueueExecutions(postgres: Postgres, workflowId: string): StoredExecution[] {
	const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
	const rows = jsonRows<Row>(
		postgres,
		`SELECT e.id, e."workflowId", e.mode, e.status, e.finished, e."startedAt", e."stoppedAt", d.data
		   FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		  WHERE e."workflowId" = ${literal(workflowId)} ORDER BY e.id ASC`,
	);
	return rows.map((row) => ({
		id: String(row.id),
		workflowId: row.workflowId,
		mode: row.mode,
		status: row.status,
		finished: row.finished,
		startedAt: row.startedAt,
		stoppedAt: row.stoppedAt,
		data: (row.data ? flatted.parse(row.data) : { resultData: { runData: {} } }) as RunData,
	}));
}

/** Polls Postgres until `predicate` holds for the workflow's executions, or fails with what was there. */
export async function waitForQueueExecutions(
	postgres: Postgres,
	workflowId: string,
	predicate: (executions: StoredExecution[]) => boolean,
	options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<StoredExecution[]> {
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	let last: StoredExecution[] = [];
	while (Date.now() < deadline) {
		last = listQueueExecutions(postgres, workflowId);
		if (predicate(last)) return last;
		await sleep(options.intervalMs ?? 500);
	}
	throw new Error(
		`executions of ${workflowId} did not reach the expected state; found: ${JSON.stringify(last.map((e) => ({ id: e.id, status: e.status, mode: e.mode })))}`,
	);
}

/** The workflow's static data as stored in Postgres (what a restarted main process reads back). */
export function workflowStaticData(
	postgres: Postgres,
	workflowId: string,
): Record<string, unknown> | null {
	const [row] = jsonRows<{ staticData: Record<string, unknown> | string | null }>(
		postgres,
		`SELECT "staticData" FROM workflow_entity WHERE id = ${literal(workflowId)}`,
	);
	if (!row || row.staticData === null) return null;
	return typeof row.staticData === 'string'
		? (JSON.parse(row.staticData) as Record<string, unknown>)
		: row.staticData;
}
