import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RunContext, Started } from '../types';

export const description: INodeProperties[] = [];

export function prepare(): void {}

export async function start(
	this: IExecuteFunctions,
	_itemIndex: number,
	_prepared: void,
	run: RunContext,
): Promise<Started> {
	const client = await run.client();
	return { items: [(await client.getUsage()) as IDataObject] };
}
