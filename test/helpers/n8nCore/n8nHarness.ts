import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps its instance settings (encryption key, ids) in N8N_USER_FOLDER: the unit suite's global setup
// (userFolder.ts) gives every worker the same throwaway one; a file run some other way gets its own.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'nyne-n8n-core-'));

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { ICredentialsHelper, Workflow, NodeHelpers } from 'n8n-workflow';
import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { NyneApi } from '../../../credentials/NyneApi.credentials';
import { Nyne } from '../../../nodes/Nyne/Nyne.node';
import { NyneFollowerTrigger } from '../../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { NyneTrigger } from '../../../nodes/NyneTrigger/NyneTrigger.node';

export const NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-nyne.nyne': new Nyne(),
	// n8n derives this type from `usableAsTool` for AI agents; here it is the same class under that name.
	'n8n-nodes-nyne.nyneTool': new Nyne(),
	'n8n-nodes-nyne.nyneTrigger': new NyneTrigger(),
	'n8n-nodes-nyne.nyneFollowerTrigger': new NyneFollowerTrigger(),
	'n8n-nodes-base.manualTrigger': {
		description: {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async trigger() {
			return {};
		},
	} as unknown as INodeType,
	'test.items': {
		description: {
			displayName: 'Items',
			name: 'items',
			group: ['transform'],
			version: 1,
			description: 'Emits the items given in its "items" parameter (JSON)',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
		},
		async execute(this: import('n8n-workflow').IExecuteFunctions) {
			const raw = this.getNodeParameter('items', 0) as string;
			const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
			return [list.map((json) => ({ json }))];
		},
	} as unknown as INodeType,
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => NODE_TYPES[type],
	getByNameAndVersion: (type) => NODE_TYPES[type],
	getKnownTypes: () => ({}),
};

const credentialType = new NyneApi();

/** Applies the credential's own `authenticate`, the way n8n's CredentialsHelper does (a function, or a generic block). */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const auth = credentialType.authenticate as IAuthenticate | undefined;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, template] of Object.entries(auth?.properties.headers ?? {})) {
			const field = /\$credentials\.(\w+)/.exec(String(template))?.[1] ?? '';
			headers[name] = String(credentials[field] ?? '');
		}
		return { ...requestOptions, headers };
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_node: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		return this.data;
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export interface NyneTestCredentials {
	apiKey: string;
	apiSecret: string;
	baseUrl: string;
}

export const WAITING_BASE_URL = 'http://127.0.0.1:5678/webhook-waiting';

export function additionalDataFor(
	credentials: NyneTestCredentials,
	executionId = '101',
	waitingBaseUrl = WAITING_BASE_URL,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(
			credentials as unknown as ICredentialDataDecryptedObject,
		),
		hooks: new ExecutionLifecycleHooks('manual', executionId, {
			id: 'wf1',
			name: 'test',
			nodes: [],
			connections: {},
			active: false,
			settings: {},
		} as never),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: waitingBaseUrl,
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		executionId,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface NyneNodeSpec {
	parameters: IDataObject;
	continueOnFail?: boolean;
	/** n8n's Retry On Fail, with this many tries. */
	retryTries?: number;
	/** Where "Wait for Callback" resume URLs point (n8n's /webhook-waiting base). */
	waitingBaseUrl?: string;
	/** The node type to run, e.g. the `…Tool` variant n8n derives for AI agents. */
	type?: string;
}

export interface RunResult {
	run: IRun;
	/** Output items of the Nyne node, or undefined when it did not run to completion. */
	output: INodeExecutionData[] | undefined;
	error: Error | undefined;
	waiting: boolean;
	workflow: Workflow;
}

/**
 * A workflow of these nodes, their parameter defaults filled in as the editor would, so a run sees what a saved
 * workflow holds. Active unless said otherwise (a workflow of several nodes stands for a production one).
 */
export function testWorkflow(
	id: string,
	nodes: INode[],
	connections: IConnections,
	active = true,
): Workflow {
	for (const node of nodes) {
		const type = NODE_TYPES[node.type];
		node.parameters =
			NodeHelpers.getNodeParameters(
				type.description.properties,
				node.parameters,
				true,
				false,
				node,
				type.description,
			) ?? node.parameters;
	}
	return new Workflow({ id, name: id, nodes, connections, active, nodeTypes, staticData: {} });
}

/** Builds "Items -> Nyne" and runs it with n8n-core's WorkflowExecute. */
export async function runNyne(
	credentials: NyneTestCredentials,
	inputItems: IDataObject[],
	spec: NyneNodeSpec,
	mode: WorkflowExecuteMode = 'manual',
): Promise<RunResult> {
	const nodes: INode[] = [
		{
			id: 'n-items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(inputItems) },
		},
		{
			id: 'n-nyne',
			name: 'Nyne',
			type: spec.type ?? 'n8n-nodes-nyne.nyne',
			typeVersion: 1,
			position: [400, 0],
			parameters: spec.parameters as INode['parameters'],
			credentials: { nyneApi: { id: 'cred1', name: 'Nyne sandbox' } },
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(spec.retryTries
				? { retryOnFail: true, maxTries: spec.retryTries, waitBetweenTries: 1 }
				: {}),
		},
	];
	const workflow = testWorkflow(
		'wf1',
		nodes,
		{ Items: { main: [[{ node: 'Nyne', type: 'main', index: 0 }]] } },
		false,
	);
	const execute = new WorkflowExecute(
		additionalDataFor(credentials, '101', spec.waitingBaseUrl),
		mode,
	);
	const run = await execute.run({ workflow, startNode: workflow.getNode('Items')! });
	const taskData = run.data.resultData.runData.Nyne?.[0];
	return {
		run,
		output: taskData?.data?.main?.[0] ?? undefined,
		error: (run.data.resultData.error as Error | undefined) ?? undefined,
		waiting: run.waitTill !== undefined && run.waitTill !== null,
		workflow,
	};
}

export type { ICredentialsExpressionResolveValues };
