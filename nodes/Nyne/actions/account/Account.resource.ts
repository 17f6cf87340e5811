import type { INodeProperties } from 'n8n-workflow';

import type { NyneOperation } from '../types';
import * as getUsage from './getUsage.operation';

export const operations: Record<'getUsage', NyneOperation> = { getUsage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Usage',
				value: 'getUsage',
				action: 'Get usage and credits left',
				description: 'Credits used and left this billing cycle, with a breakdown by API',
			},
		],
		default: 'getUsage',
	},
	...getUsage.description,
];
