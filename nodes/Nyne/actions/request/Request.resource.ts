import type { INodeProperties } from 'n8n-workflow';

import type { NyneOperation } from '../types';
import * as get from './get.operation';

export const operations: Record<'get', NyneOperation> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['request'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a lookup by its request ID',
				description:
					'The status of a lookup by its request ID, and its people once it has completed',
			},
		],
		default: 'get',
	},
	...get.description,
];
