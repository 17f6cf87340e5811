import type { INodeProperties } from 'n8n-workflow';

import type { HintedOption } from '../../../common/builderHints';

import type { NyneOperation } from '../types';
import * as getUsage from './getUsage.operation';

export const operations: Record<'getUsage', NyneOperation> = { getUsage };

const getUsageOption: HintedOption = {
	name: 'Get Usage',
	value: 'getUsage',
	action: 'Get usage and credits left',
	description: 'Credits used and left this billing cycle, with a breakdown by API',
	builderHint: {
		propertyHint:
			'Credits used and left this billing cycle; free. Put it before costly lookups to stop a run that cannot pay',
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [getUsageOption],
		default: 'getUsage',
	},
	...getUsage.description,
];
