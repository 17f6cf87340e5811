import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLookup } from '../../../../shared';
import {
	outputOption,
	readLookupShape,
	renderLookup,
	simplifyOption,
} from '../../../common/output';
import type { OutputShape } from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import type { RunContext, Started } from '../types';

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

interface PreparedGet {
	requestId: string;
	shape: OutputShape;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedGet {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		requestId: String(this.getNodeParameter('requestId', itemIndex, '') ?? ''),
		shape: readLookupShape(options, isCalledAsTool(this)),
	};
}

/** The lookup as it is now: its summary while it runs or after it failed, its people once completed. */
export async function start(
	this: IExecuteFunctions,
	_itemIndex: number,
	prepared: PreparedGet,
	run: RunContext,
): Promise<Started> {
	// A lookup started moments ago (Don't Wait, then Get) may answer 404 for a moment: the core asks again.
	const view = await readLookup(await run.client(), prepared.requestId, {
		waitWhileYoung: true,
		signal: run.signal,
	});
	return { items: renderLookup(view, prepared.shape) };
}
