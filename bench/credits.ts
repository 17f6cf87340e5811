import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDITS_PER_LOOKUP } from '../shared';
import { DEFAULT_TOOL_BUDGET } from '../nodes/Nyne/actions/interaction/lookupFields';
import { table } from './format';

interface ExampleNode {
	type: string;
	name?: string;
	parameters?: {
		resource?: string;
		operation?: string;
		options?: { maxLookupsPerRun?: number };
		pollTimes?: { item?: Array<{ mode?: string; value?: number; unit?: string }> };
	};
}

const DAY_MINUTES = 24 * 60;

/** How often n8n's poll schedule fires in a day, for the modes a schedule of fixed period has. */
function pollsPerDay(item: { mode?: string; value?: number; unit?: string }): number | undefined {
	if (item.mode === 'everyMinute') return DAY_MINUTES;
	if (item.mode === 'everyHour') return 24;
	if (item.mode === 'everyDay') return 1;
	if (item.mode === 'everyX' && item.value)
		return item.unit === 'hours' ? 24 / item.value : DAY_MINUTES / item.value;
	return undefined;
}

/** What one Nyne node of an example spends, read from its parameters at their defaults. */
function nodeCost(node: ExampleNode): string | undefined {
	const parameters = node.parameters ?? {};
	if (node.type === 'n8n-nodes-nyne.nyneTool') {
		const budget = parameters.options?.maxLookupsPerRun ?? DEFAULT_TOOL_BUDGET;
		return `up to ${budget * CREDITS_PER_LOOKUP} per agent execution (${budget} lookups)`;
	}
	if (node.type === 'n8n-nodes-nyne.nyne')
		return parameters.resource === 'interaction'
			? `${CREDITS_PER_LOOKUP} per input item per run`
			: '0 (free read)';
	if (node.type === 'n8n-nodes-nyne.nyneFollowerTrigger') {
		const schedule = parameters.pollTimes?.item ?? [];
		const polls = schedule.map(pollsPerDay);
		if (polls.some((count) => count === undefined)) return `${CREDITS_PER_LOOKUP} per check`;
		const perDay = polls.reduce<number>((sum, count) => sum + (count ?? 0), 0);
		return `${perDay * CREDITS_PER_LOOKUP} per day (${perDay} checks) + ${CREDITS_PER_LOOKUP} for the baseline`;
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
