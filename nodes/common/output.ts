import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LookupView } from '../../shared';

export type OutputShape = 'split' | 'single';

/** The one Output option of every node that returns a lookup's people. */
export const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'split',
	options: [
		{
			name: 'One Item per Person',
			value: 'split',
			description:
				'Each person becomes an item, with request_id, platform, interaction_type and target_username beside their fields; ' +
				'a lookup that found nobody gives no items',
		},
		{
			name: 'One Item with the Whole Result',
			value: 'single',
			description: 'The target, the counts and every person in an "interactions" list, always one item',
		},
	],
};

export function readOutputShape(value: unknown): OutputShape {
	return value === 'single' ? 'single' : 'split';
}

/**
 * A lookup as items, the same in every node: one item per person (none when nobody was found), or one item
 * with the summary and the people. A lookup that has not completed is its summary alone.
 */
export function renderLookup(view: LookupView, shape: OutputShape): IDataObject[] {
	const people = view.people as IDataObject[];
	if (view.summary.status !== 'completed') return [{ ...view.summary } as IDataObject];
	if (shape === 'split') return people;
	const dropped = view.dropped > 0 ? { dropped: view.dropped } : {};
	return [{ ...view.summary, ...dropped, interactions: people } as IDataObject];
}
