import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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

/**
 * The canvas subtitle in words, made from the Resource and Operation lists above: each operation's name
 * ("Get Followers"), with its resource's name after a one-word operation ("Get Request").
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resources = properties.find((property) => property.name === 'resource');
	const resourceName = (value: unknown) =>
		(resources?.options as INodePropertyOptions[]).find((option) => option.value === value)?.name;
	const branches = properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => {
			const resource = property.displayOptions?.show?.resource?.[0];
			return (property.options as INodePropertyOptions[]).map((option) => {
				const words = option.name.includes(' ')
					? option.name
					: `${option.name} ${resourceName(resource)}`;
				const test = `$parameter["resource"] === ${JSON.stringify(resource)} && $parameter["operation"] === ${JSON.stringify(option.value)}`;
				return `${test} ? ${JSON.stringify(words)} : `;
			});
		});
	return `={{ ${branches.join('')}$parameter["operation"] }}`;
}
