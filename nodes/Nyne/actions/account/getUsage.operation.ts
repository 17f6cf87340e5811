import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationResult, RunContext } from '../types';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, _itemIndex: number, _prepared: unknown, run: RunContext): Promise<OperationResult> {
	const client = await run.client();
	return [(await client.getUsage()) as IDataObject];
}
