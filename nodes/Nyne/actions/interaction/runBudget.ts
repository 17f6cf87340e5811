import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_TOOL_LOOKUPS_PER_HOUR, LookupBudget } from '../../../../shared';
import { isCalledAsTool } from '../../../common/toolCall';
import { getRuntime } from '../../../common/transport';
import { DEFAULT_TOOL_BUDGET } from './lookupFields';
import type { LookupItem } from './readLookupItem';

const BUDGET_FIELD = 'Max Lookups per Run';
const HOURLY_FIELD = 'Max Lookups per Hour';
/** Where an AI agent's tool calls count their lookups: n8n's node context, one per node and execution. */
const STARTED_KEY = 'nyneLookupsStarted';

/** One tool for the hourly cap: this node in this workflow, with this credential. */
function toolKeyOf(context: IExecuteFunctions): string {
	const node = context.getNode();
	const credential = node.credentials?.nyneApi;
	return `${context.getWorkflow().id ?? ''}|${node.id}|${credential?.id ?? credential?.name ?? ''}`;
}

/**
 * An AI agent calls the tool once per question, each call a new run of the node in the same execution, so its
 * budget counts in the node's execution context (n8n's `getContext('node')`, kept in the execution's data, so it
 * survives waits and queue-mode hand-overs and ends with the execution).
 */
export function openRunBudget(
	context: IExecuteFunctions,
	first: LookupItem,
): {
	/** Counts one lookup against Max Lookups per Run (and a tool's hourly cap), or throws when it is reached. */
	take(): void;
	/** Keeps a tool's count for its next call in this execution. */
	save(): void;
} {
	if (!isCalledAsTool(context)) {
		const budget = new LookupBudget(first.maxLookups);
		return { take: () => budget.take(BUDGET_FIELD), save: () => {} };
	}
	const counts = context.getContext('node') as IDataObject;
	const budget = new LookupBudget(
		first.maxLookups ?? DEFAULT_TOOL_BUDGET,
		Number(counts[STARTED_KEY] ?? 0),
		'execution',
	);
	const hourly = first.maxLookupsPerHour ?? DEFAULT_TOOL_LOOKUPS_PER_HOUR;
	return {
		take: () => {
			budget.take(BUDGET_FIELD);
			getRuntime().toolCap.take(toolKeyOf(context), hourly, HOURLY_FIELD);
		},
		save: () => (counts[STARTED_KEY] = budget.spent),
	};
}
