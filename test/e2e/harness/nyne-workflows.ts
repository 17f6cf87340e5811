import { nyneCredentialRef } from './credentials';
import type { WorkflowNode } from './workflows';

export const NYNE_NODE_TYPE = 'n8n-nodes-nyne.nyne';
export const NYNE_TRIGGER_TYPE = 'n8n-nodes-nyne.nyneTrigger';
export const NYNE_FOLLOWER_TRIGGER_TYPE = 'n8n-nodes-nyne.nyneFollowerTrigger';

/** The Nyne action node as installed from the package, with the sandbox credential attached. */
export function nyneNode(
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name: 'Nyne',
		type: NYNE_NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: nyneCredentialRef(),
		...extra,
	};
}

/** Set (raw JSON) + Split Out: one input item per entry, each `{ url }`, without needing the Code node's runner. */
export function itemsFromUrls(urls: string[]): WorkflowNode[] {
	return [
		{
			name: 'Inputs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ list: urls.map((url) => ({ url })) }),
			},
		},
		{
			name: 'One Item Each',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'list', options: {} },
		},
	];
}

/** A Webhook trigger node (POST, answers at once) for workflows started over HTTP under `n8n start`. */
export function webhookTrigger(path: string, webhookId: string): WorkflowNode {
	return {
		name: 'Start Hook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}
