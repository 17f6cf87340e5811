import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RequestStatus } from '../../../../shared';
import { completedToJson, outputOption, readOutputShape } from '../options';
import type { OperationResult, RunContext } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'interaction_abc123def456_1234567890',
		description: 'The request_id returned when the lookup was started',
		displayOptions: { show: { resource: ['request'], operation: ['get'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['request'], operation: ['get'] } },
		options: [outputOption],
	},
];

function statusJson(status: RequestStatus): IDataObject {
	const json: IDataObject = {
		request_id: status.requestId,
		status: status.status,
		interaction_type: status.interactionType ?? null,
		platform: status.platform ?? null,
		created_on: status.createdOn ?? null,
	};
	if (status.completedOn) json.completed_on = status.completedOn;
	if (status.error) json.error = status.error;
	return json;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, _prepared: unknown, run: RunContext): Promise<OperationResult> {
	const requestId = String(this.getNodeParameter('requestId', itemIndex, '') ?? '');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = await run.client();
	// A lookup started moments ago (Don't Wait, then Get) may answer 404 for a moment: the core waits through it.
	const status = await client.getRequest(requestId, { waitWhileYoung: true, signal: run.signal });
	if (status.status !== 'completed' || !status.result) return [statusJson(status)];
	return completedToJson(
		{
			status: 'completed',
			requestId: status.requestId,
			interactionType: status.interactionType,
			platform: status.platform,
			result: status.result,
			resultCount: status.resultCount ?? status.result.interactions.length,
		},
		readOutputShape(options),
	);
}
