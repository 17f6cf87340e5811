import { nyneCredentialRef } from './credentials';
import { chainWorkflow, type WorkflowJson, type WorkflowNode } from './workflows';

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

/** Set (raw JSON) + Split Out: one input item per entry, without needing the Code node's runner. */
export function itemsFrom(list: Array<Record<string, unknown>>): WorkflowNode[] {
	return [
		{
			name: 'Inputs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ list }),
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

/** One input item `{ url }` per URL. */
export const itemsFromUrls = (urls: string[]): WorkflowNode[] =>
	itemsFrom(urls.map((url) => ({ url })));

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

export interface CallbackWorkflows {
	/** A Nyne Trigger: answers at `<base>/webhook/<receiver webhook id>/nyne`. */
	receiver: WorkflowJson;
	/** Webhook `<label->start-lookup`: a "Don't Wait" lookup whose callback goes to the receiver. */
	starter: WorkflowJson;
	/** Webhook `<label->start-wait`: a lookup that waits for its callback. */
	waiter: WorkflowJson;
}

/** The three workflows of a callback test; `label` goes before each workflow's name and webhook path. */
export function callbackWorkflows(options: {
	label?: string;
	/** The webhook ids of the receiver, the starter and the waiter. */
	webhookIds: [string, string, string];
	receiverUrl: string;
	token: string;
	output: 'split' | 'single';
	/** The accounts the starter and the waiter look up. */
	accounts: [string, string];
}): CallbackWorkflows {
	const { label, webhookIds, receiverUrl, token, output, accounts } = options;
	const name = (text: string) => (label ? `${label} ${text}` : text);
	const path = (text: string) => (label ? `${label}-${text}` : text);
	const lookup = (account: string, maxResults: number) => ({
		resource: 'interaction',
		operation: 'getFollowers',
		socialMediaUrl: `https://x.com/${account}`,
		maxResults,
	});
	return {
		receiver: chainWorkflow(name('callback receiver'), [
			{
				name: 'Nyne Trigger',
				type: NYNE_TRIGGER_TYPE,
				typeVersion: 1,
				webhookId: webhookIds[0],
				parameters: { token, output },
			},
		]),
		starter: chainWorkflow(name('start lookup'), [
			webhookTrigger(path('start-lookup'), webhookIds[1]),
			nyneNode({
				...lookup(accounts[0], 10),
				waitMode: 'none',
				callbackUrl: `${receiverUrl}?token=${token}`,
			}),
		]),
		waiter: chainWorkflow(name('wait for callback'), [
			webhookTrigger(path('start-wait'), webhookIds[2]),
			nyneNode({ ...lookup(accounts[1], 12), waitMode: 'webhook' }),
		]),
	};
}

/**
 * The callback path of a batch: a Nyne Trigger receiver (at `<base>/webhook/<receiver webhook id>/nyne`) and a
 * starter (webhook `path`) that starts a "Don't Wait" lookup per row, with the receiver's URL as Callback URL and
 * the row's `row` as Reference.
 */
export function referenceBatchWorkflows(options: {
	label: string;
	/** The webhook ids of the receiver and the starter. */
	webhookIds: [string, string];
	path: string;
	receiverUrl: string;
	token: string;
	output: 'split' | 'single';
	rows: Array<{ url: string; row: string }>;
}): { receiver: WorkflowJson; starter: WorkflowJson } {
	const { label, webhookIds, path, receiverUrl, token, output, rows } = options;
	return {
		receiver: chainWorkflow(`${label} receiver`, [
			{
				name: 'Nyne Trigger',
				type: NYNE_TRIGGER_TYPE,
				typeVersion: 1,
				webhookId: webhookIds[0],
				parameters: { token, output },
			},
		]),
		starter: chainWorkflow(`${label} batch`, [
			webhookTrigger(path, webhookIds[1]),
			...itemsFrom(rows),
			nyneNode({
				resource: 'interaction',
				operation: 'getFollowers',
				socialMediaUrl: '={{ $json.url }}',
				maxResults: 10,
				waitMode: 'none',
				callbackUrl: `${receiverUrl}?token=${token}`,
				reference: '={{ $json.row }}',
			}),
		]),
	};
}
