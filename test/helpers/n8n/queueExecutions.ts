// Executions and workflow static data as n8n stored them in Postgres (queue mode), read with Debian's psql.
import {
	decodeExecution,
	pollExecutions,
	type ExecutionRow,
	type PollOptions,
	type StoredExecution,
} from './executions';
import type { Postgres } from './queueServices';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

function jsonRows<T>(postgres: Postgres, select: string): T[] {
	const out = postgres.sql(`SELECT coalesce(json_agg(t), '[]'::json) FROM (${select}) t;`).trim();
	return JSON.parse(out) as T[];
}

/** Every execution of a workflow, oldest first, with its run data decoded (n8n stores it "flatted"). */
export function listQueueExecutions(postgres: Postgres, workflowId: string): StoredExecution[] {
	const rows = jsonRows<ExecutionRow>(
		postgres,
		`SELECT e.id, e."workflowId", e.mode, e.status, e.finished, e."startedAt", e."stoppedAt", d.data
		   FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		  WHERE e."workflowId" = ${literal(workflowId)} ORDER BY e.id ASC`,
	);
	return rows.map(decodeExecution);
}

/** Polls Postgres until `predicate` holds for the workflow's executions, or fails with what was there. */
export async function waitForQueueExecutions(
	postgres: Postgres,
	workflowId: string,
	predicate: (executions: StoredExecution[]) => boolean,
	options: PollOptions = {},
): Promise<StoredExecution[]> {
	return pollExecutions(
		workflowId,
		() => listQueueExecutions(postgres, workflowId),
		predicate,
		options,
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
