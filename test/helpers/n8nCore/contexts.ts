import { PollContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	IRunExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { additionalDataFor, nodeTypes } from './n8nHarness';
import type { NyneTestCredentials } from './n8nHarness';

export interface FakeResponse {
	statusCode: number;
	body: unknown;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
}

export function fakeResponse(): FakeResponse {
	const response: FakeResponse = {
		statusCode: 200,
		body: undefined,
		status(code) {
			response.statusCode = code;
			return response;
		},
		json(body) {
			response.body = body;
			return response;
		},
	};
	return response;
}

export function singleNodeWorkflow(node: INode, staticData: IDataObject = {}): Workflow {
	return new Workflow({
		id: 'wf-trigger',
		name: 'trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
}

/** n8n-core's real WebhookContext around a fake HTTP request and response. */
export function webhookContext(options: {
	workflow: Workflow;
	node: INode;
	credentials?: NyneTestCredentials;
	body: unknown;
	query: IDataObject;
	mode?: WorkflowExecuteMode;
	runExecutionData?: IRunExecutionData;
	executionId?: string;
}): { context: WebhookContext; response: FakeResponse } {
	const response = fakeResponse();
	const additionalData = additionalDataFor(
		options.credentials ?? {
			apiKey: 'unused-key',
			apiSecret: 'unused-secret',
			baseUrl: 'http://127.0.0.1:9',
		},
		options.executionId,
	) as IWorkflowExecuteAdditionalData & { httpRequest: unknown; httpResponse: unknown };
	additionalData.httpRequest = {
		body: options.body,
		query: options.query,
		headers: {},
		params: {},
	};
	additionalData.httpResponse = response;
	const webhookData = {
		webhookDescription: { name: 'default', httpMethod: 'POST', path: '' },
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		options.workflow,
		options.node,
		additionalData,
		options.mode ?? 'webhook',
		webhookData,
		[],
		options.runExecutionData ?? null,
	);
	return { context, response };
}

export function pollContext(
	workflow: Workflow,
	node: INode,
	credentials: NyneTestCredentials,
	mode: WorkflowExecuteMode = 'trigger',
): PollContext {
	return new PollContext(workflow, node, additionalDataFor(credentials), mode, 'activate');
}
