import type { INodeProperties } from 'n8n-workflow';

import type { HintedOption } from '../../../common/builderHints';

import type { NyneOperation } from '../types';
import * as get from './get.operation';

export const operations: Record<'get', NyneOperation> = { get };

const getOption: HintedOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a lookup by its request ID',
	description: 'The status of a lookup by its request ID, and its people once it has completed',
	builderHint: {
		propertyHint:
			"Reads a lookup started with waitMode 'none' by its request_id (from that item's $json.request_id); free, no credits",
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['request'] } },
		options: [getOption],
		default: 'get',
	},
	...get.description,
];
