import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../itemOutput';
import { createRunContext } from '../runContext';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const run = createRunContext(this);
	return await forEachItem(this, async () => {
		const client = await run.client();
		return [(await client.getUsage()) as IDataObject];
	});
}
