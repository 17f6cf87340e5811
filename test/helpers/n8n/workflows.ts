import { randomUUID } from 'node:crypto';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	/** n8n's Retry On Fail settings. */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<Required<Pick<WorkflowNode, 'id' | 'position'>> & WorkflowNode>;
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	versionId: string;
}

/** n8n workflow ids are 16 alphanumerics. */
export function workflowId(prefix: string): string {
	const body = randomUUID().replace(/-/g, '');
	return `${prefix}${body}`.slice(0, 16);
}

/** A workflow whose nodes run one after the other, in the given order. */
export function chainWorkflow(
	name: string,
	nodes: WorkflowNode[],
	options: { id?: string; active?: boolean } = {},
): WorkflowJson {
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: options.id ?? workflowId('wf'),
		name,
		active: options.active ?? false,
		nodes: nodes.map((node, i) => ({
			id: node.id ?? randomUUID(),
			position: node.position ?? [i * 220, 0],
			...node,
		})),
		connections,
		settings: {
			executionOrder: 'v1',
			saveManualExecutions: true,
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		pinData: {},
		versionId: randomUUID(),
	};
}

export const manualTrigger = (): WorkflowNode => ({
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
});
