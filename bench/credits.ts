import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	CREDITS_PER_LOOKUP,
	creditsPerDay,
	DEFAULT_TOOL_LOOKUPS_PER_HOUR,
	lookupIntervalMs,
} from '../shared';
import { DEFAULT_TOOL_BUDGET } from '../nodes/Nyne/actions/interaction/lookupFields';
import { table } from './format';

interface ExampleNode {
	type: string;
	name?: string;
	parameters?: {
		resource?: string;
		operation?: string;
		options?: { maxLookupsPerRun?: number; maxLookupsPerHour?: number };
		checkEveryHours?: number;
	};
}

/** What one Nyne node of an example spends, read from its parameters at their defaults. */
function nodeCost(node: ExampleNode): string | undefined {
	const parameters = node.parameters ?? {};
	if (node.type === 'n8n-nodes-nyne.nyneTool') {
		const budget = parameters.options?.maxLookupsPerRun ?? DEFAULT_TOOL_BUDGET;
		const hourly = parameters.options?.maxLookupsPerHour ?? DEFAULT_TOOL_LOOKUPS_PER_HOUR;
		return (
			`up to ${budget * CREDITS_PER_LOOKUP} per agent execution (${budget} lookups) ` +
			`and ${hourly * CREDITS_PER_LOOKUP} an hour (${hourly} lookups)`
		);
	}
	if (node.type === 'n8n-nodes-nyne.nyne')
		return parameters.resource === 'interaction'
			? `${CREDITS_PER_LOOKUP} per input item per run`
			: '0 (free read)';
	if (node.type === 'n8n-nodes-nyne.nyneFollowerTrigger') {
		// A lookup starts at most once per Check Every (Hours), however often n8n polls.
		const perDay = creditsPerDay(lookupIntervalMs(parameters.checkEveryHours));
		return `${perDay} per day + ${CREDITS_PER_LOOKUP} for the baseline`;
	}
	return undefined;
}

/** The credits of the examples in examples/*.json, node by node, at the parameters they ship with. */
export async function creditsBench(): Promise<string> {
	const dir = join(__dirname, '..', 'examples');
	const rows: string[][] = [['credits of the examples', 'node', 'spends']];
	for (const file of readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()) {
		const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ExampleNode[] };
		for (const node of workflow.nodes) {
			const cost = nodeCost(node);
			if (cost) rows.push([file, node.name ?? node.type, cost]);
		}
	}
	return table(rows);
}
