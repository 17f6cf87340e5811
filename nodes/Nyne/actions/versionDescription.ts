import type { INodeProperties } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as interaction from './interaction/Interaction.resource';
import * as request from './request/Request.resource';

/**
 * The node's parameters: resource, then each resource's operations and fields (each field shown
 * for exactly the operations that read it). The node-level fields stay in Nyne.node.ts, where
 * n8n's community lint checks them.
 */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Interaction', value: 'interaction' },
			{ name: 'Request', value: 'request' },
		],
		default: 'interaction',
	},
	...interaction.description,
	...request.description,
	...account.description,
];
