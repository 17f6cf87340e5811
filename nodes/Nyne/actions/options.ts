import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LookupOutcome } from '../../../shared';
import { toInteractionItems } from '../../../shared';

export type OutputShape = 'split' | 'single';

export const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'split',
	options: [
		{
			name: 'One Item per Person',
			value: 'split',
			description: 'Each person becomes an item, with request_id, platform, interaction_type and target_username beside their fields',
		},
		{
			name: 'One Item with the Whole Result',
			value: 'single',
			description: 'The target, the counts and every person in an "interactions" list',
		},
	],
};

export function readOutputShape(options: IDataObject): OutputShape {
	return options.output === 'single' ? 'single' : 'split';
}

/** A completed lookup as items: one per person, or one holding the whole result. */
export function completedToJson(outcome: Extract<LookupOutcome, { status: 'completed' }>, shape: OutputShape): IDataObject[] {
	const people = toInteractionItems(outcome.result, {
		requestId: outcome.requestId,
		platform: outcome.platform,
		interactionType: outcome.interactionType,
	});
	if (shape === 'split') return people as IDataObject[];
	const summary: IDataObject = { ...(outcome.result as IDataObject) };
	delete summary.interactions;
	return [
		{
			request_id: outcome.requestId,
			status: 'completed',
			platform: outcome.platform ?? outcome.result.source_platform,
			interaction_type: outcome.interactionType ?? outcome.result.interaction_type,
			result_count: outcome.resultCount,
			...summary,
			interactions: people as IDataObject[],
		},
	];
}
