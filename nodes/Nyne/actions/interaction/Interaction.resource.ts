import type { INodeProperties } from 'n8n-workflow';

import type { NyneOperation } from '../types';
import * as getFollowers from './getFollowers.operation';
import * as getFollowersAndFollowing from './getFollowersAndFollowing.operation';
import * as getFollowing from './getFollowing.operation';
import * as getReplies from './getReplies.operation';
import { lookupFields } from './lookup';
import type { LookupOperation } from './lookupBody';

export const operations: Record<LookupOperation, NyneOperation> = {
	getReplies,
	getFollowers,
	getFollowing,
	getFollowersAndFollowing,
};

const specs = [getFollowers.spec, getFollowersAndFollowing.spec, getFollowing.spec, getReplies.spec];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interaction'] } },
		options: specs.map((spec) => spec.option),
		default: 'getFollowers',
	},
	...specs.flatMap((spec) => operations[spec.operation].description),
	...lookupFields,
];
