import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { NyneOperation } from '../types';
import * as getFollowers from './getFollowers.operation';
import * as getFollowersAndFollowing from './getFollowersAndFollowing.operation';
import * as getFollowing from './getFollowing.operation';
import * as getReplies from './getReplies.operation';
import { lookupFields } from './lookupFields';

/** Every lookup operation, in the order of the Operation list. */
const lookups = [getFollowers, getFollowersAndFollowing, getFollowing, getReplies];

export const operations: Record<string, NyneOperation> = Object.fromEntries(
	lookups.map((lookup) => [lookup.spec.operation, lookup]),
);

const show = (operation: string[]) => ({ show: { resource: ['interaction'], operation } });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interaction'] } },
		options: lookups.map((lookup) => lookup.spec.option),
		default: 'getFollowers',
	},
	...lookups.flatMap((lookup) =>
		updateDisplayOptions(show([lookup.spec.operation]), lookup.description),
	),
	...updateDisplayOptions(show(lookups.map((lookup) => lookup.spec.operation)), lookupFields),
];
