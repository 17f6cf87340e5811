// A workflow run the way the editor's "Execute workflow" button runs it, so one `n8n start` serves every run of a
// suite, where each `n8n execute` would boot n8n anew.
import { readExecution, type StoredExecution } from './executions';
import type { N8nInstance } from './n8nEnv';
import type { SessionHeaders } from './ownerSession';
import type { WorkflowJson } from './workflows';

/** A workflow that starts from a Manual Trigger, as imported. */
export type ManualWorkflow = Pick<WorkflowJson, 'id' | 'name'> & {
	nodes: Array<{ name: string; type: string }>;
};

const ENDED = new Set(['success', 'error', 'canceled', 'crashed']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs an imported workflow from its Manual Trigger as the editor does (a manual execution: n8n 1.x and 2.8 take the
 * workflow in the body, 2.41 reads it from its database and ignores it), then reads the ended execution from n8n's
 * database. Never throws on a failed workflow: the execution's status and data say how it ended.
 */
export async function runManually(
	instance: N8nInstance,
	session: SessionHeaders,
	workflow: ManualWorkflow,
	options: { timeoutMs?: number } = {},
): Promise<StoredExecution> {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.name} has no Manual Trigger to run from`);
	const response = await fetch(`${instance.baseUrl}/rest/workflows/${workflow.id}/run`, {
		method: 'POST',
		headers: session,
		body: JSON.stringify({
			workflowData: workflow,
			triggerToStartFrom: { name: trigger.name },
		}),
	});
	const answer = (await response.json()) as { data?: { executionId?: string } };
	const executionId = answer.data?.executionId;
	if (!response.ok || !executionId)
		throw new Error(
			`manual run of ${workflow.name} not started: ${response.status} ${JSON.stringify(answer)}`,
		);

	const deadline = Date.now() + (options.timeoutMs ?? 180_000);
	let last: StoredExecution | undefined;
	while (Date.now() < deadline) {
		last = await readExecution(instance, executionId);
		if (last && ENDED.has(last.status)) return last;
		await sleep(250);
	}
	throw new Error(
		`manual run ${executionId} of ${workflow.name} did not end; last status: ${last?.status ?? 'none'}`,
	);
}
