import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as interaction from './interaction/Interaction.resource';
import * as request from './request/Request.resource';
import type { NyneOperation, NyneResource } from './types';

function operationsOf(resource: NyneResource): Record<string, NyneOperation> | undefined {
	switch (resource) {
		case 'interaction':
			return interaction.operations;
		case 'request':
			return request.operations;
		case 'account':
			return account.operations;
		default:
			return undefined;
	}
}

/** Reads the resource and operation, and hands the run to that operation's `execute`. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as NyneResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsOf(resource)?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for resource "${resource}"`,
		);
	}
	return [await operation.execute.call(this)];
}
