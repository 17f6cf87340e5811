// A workflow run the way the editor's "Execute workflow" button runs it, so one `n8n start` serves every run of a
// suite, where each `n8n execute` would boot n8n anew.
import { editorCall } from './editorImport';
import { pollExecutions, readExecution, type StoredExecution } from './executions';
import type { N8nInstance } from './n8nEnv';
import type { SessionHeaders } from './ownerSession';
import type { WorkflowJson } from './workflows';

/** A workflow that starts from a Manual Trigger, as imported. */
export type ManualWorkflow = Pick<WorkflowJson, 'id' | 'name'> & {
	nodes: Array<{ name: string; type: string }>;
};

const ENDED = new Set(['success', 'error', 'canceled', 'crashed']);

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
	const { executionId } = await editorCall<{ executionId?: string }>(
		instance,
		session,
		'POST',
		`/workflows/${workflow.id}/run`,
		{ workflowData: workflow, triggerToStartFrom: { name: trigger.name } },
	);
	if (!executionId) throw new Error(`manual run of ${workflow.name} started no execution`);
	const [ended] = await pollExecutions(
		workflow.id,
		async () => {
			const execution = await readExecution(instance, executionId);
			return execution ? [execution] : [];
		},
		(executions) => executions.some((execution) => ENDED.has(execution.status)),
		{ timeoutMs: options.timeoutMs ?? 180_000, intervalMs: 250 },
	);
	return ended;
}
