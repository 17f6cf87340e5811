import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toToolOutput } from '../../shared';
import type { LookupView } from '../../shared';

export type OutputShape = 'split' | 'single' | 'simplified';

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
			description:
				'The target, the counts and every person in an "interactions" list, always one item',
		},
	],
};

/**
 * n8n's Simplify, for nodes an AI agent can call. Adding it changes nothing by itself: its default follows the
 * caller, as the node does without it (an agent gets the simplified answer, a workflow the raw data). The two
 * other choices are booleans, the values this option had when it was a switch, so saved workflows keep theirs.
 */
export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'options',
	default: 'auto',
	options: [
		{
			name: 'Raw Data',
			value: false,
			description: 'Always the raw data, in the shape Output chooses, also for an AI agent',
		},
		{
			name: 'Simplified',
			value: true,
			description:
				"Always one item with the summary and each person's few most useful fields, within about 20 KB " +
				'(people beyond it are counted in people_omitted), also in a workflow',
		},
		{
			name: 'Simplified for an AI Agent, Raw Data in a Workflow',
			value: 'auto',
			description: 'What the node does when this option is not added',
		},
	],
	description:
		"Whether to return a simplified version of the response instead of the raw data: one item with the summary and each person's " +
		'few most useful fields, within about 20 KB',
};

export function readOutputShape(value: unknown): OutputShape {
	return value === 'single' ? 'single' : 'split';
}

/** The shape Options ask for: Simplify when it says always or never, else simplified for an AI agent's tool call, else Output. */
export function readLookupShape(options: IDataObject, calledAsTool: boolean): OutputShape {
	const simplify = typeof options.simplify === 'boolean' ? options.simplify : calledAsTool;
	return simplify ? 'simplified' : readOutputShape(options.output);
}

/**
 * A lookup as items, the same in every node: one item per person (none when nobody was found), one item
 * with the summary and the people, or one simplified item bounded in size (what an AI agent is given).
 * A lookup that has not completed is its summary alone.
 */
export function renderLookup(view: LookupView, shape: OutputShape): IDataObject[] {
	const people = view.people as IDataObject[];
	if (view.summary.status !== 'completed') return [{ ...view.summary } as IDataObject];
	if (shape === 'simplified') return [toToolOutput(view) as unknown as IDataObject];
	if (shape === 'split') return people;
	const dropped = view.dropped > 0 ? { dropped: view.dropped } : {};
	return [{ ...view.summary, ...dropped, interactions: people } as IDataObject];
}
