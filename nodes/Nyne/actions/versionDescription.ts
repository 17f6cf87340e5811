import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeDescription } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as interaction from './interaction/Interaction.resource';
import * as request from './request/Request.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Nyne',
	name: 'nyne',
	icon: { light: 'file:nyne.svg', dark: 'file:nyne.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Find who replied to a post, who follows an account and whom it follows, on Twitter/X and Instagram',
	defaults: { name: 'Nyne' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'nyneApi', required: true }],
	// Only for "Wait for Callback": the execution's resume URL lands here (never registered as a workflow webhook).
	webhooks: [
		{
			name: 'default',
			httpMethod: 'POST',
			path: '',
			isFullPath: true,
			restartWebhook: true,
			responseMode: 'onReceived',
		},
	],
	properties: [
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
	],
};
