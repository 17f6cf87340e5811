import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readLookup } from '../../../../shared';
import {
	outputOption,
	readLookupShape,
	renderLookup,
	simplifyOption,
} from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import { forEachItem } from '../itemOutput';
import { createRunContext } from '../runContext';

const properties: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'interaction_abc123def456_1234567890',
		description: 'The request_id returned when the lookup was started',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [outputOption, simplifyOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['request'], operation: ['get'] } },
	properties,
);

/** The lookup as it is now: its summary while it runs or after it failed, its people once completed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const run = createRunContext(this);
	return await forEachItem(this, async (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const requestId = String(this.getNodeParameter('requestId', itemIndex, '') ?? '');
		const shape = readLookupShape(options, isCalledAsTool(this));
		// A lookup started moments ago (Don't Wait, then Get) may answer 404 for a moment: the core asks again.
		const view = await readLookup(await run.client(), requestId, {
			waitWhileYoung: true,
			signal: run.signal,
		});
		return renderLookup(view, shape);
	});
}
