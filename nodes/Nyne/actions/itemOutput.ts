import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { settle } from '../../../shared';
import type { Settled } from '../../../shared';
import { errorItem, toNodeError } from '../../common/errors';
import type { NodeError } from '../../common/errors';
import { isCalledAsTool } from '../../common/toolCall';

/** Lookups already paid for whose results the failing run would drop: named so the user need not start them again. */
function withStartedLookups(error: NodeError, requestIds: string[]): NodeError {
	if (requestIds.length === 0) return error;
	const note =
		'Lookups already started for other items keep running at Nyne; fetch them with Resource "Request" > Operation "Get" ' +
		`instead of starting them again: ${requestIds.join(', ')}.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

/**
 * Where every operation's items go out: each paired to its input item, a failure mapped to n8n's error classes
 * with its item's index, and either the run fails or, with continueOnFail, the item becomes an error item.
 */
export class ItemOutput {
	readonly items: INodeExecutionData[] = [];
	// A model reads a tool's failure as its answer: words it can act on, never a thrown class name.
	private readonly continueOnFail: boolean;

	constructor(private readonly context: IExecuteFunctions) {
		this.continueOnFail = context.continueOnFail() || isCalledAsTool(context);
	}

	/** Fails the run at a failed step unless it continues on fail (the item's failure is then output by `add`). */
	failFast(step: Settled<unknown>, itemIndex: number, startedElsewhere: string[] = []): void {
		if (step.ok || this.continueOnFail) return;
		throw withStartedLookups(
			toNodeError(this.context.getNode(), step.error, itemIndex),
			startedElsewhere,
		);
	}

	/** A refusal of the whole run, before anything was sent: no item continues. */
	refuseRun(error: unknown): NodeError {
		return toNodeError(this.context.getNode(), error);
	}

	/** Outputs an item's items, or its failure. */
	add(itemIndex: number, step: Settled<IDataObject[]>, startedElsewhere: string[] = []): void {
		if (step.ok) {
			for (const json of step.value) this.items.push({ json, pairedItem: { item: itemIndex } });
			return;
		}
		const nodeError = toNodeError(this.context.getNode(), step.error, itemIndex);
		if (!this.continueOnFail) throw withStartedLookups(nodeError, startedElsewhere);
		this.items.push({
			json: errorItem(step.error, nodeError.message),
			pairedItem: { item: itemIndex },
		});
	}
}

/** The item loop of an operation that answers each item by itself, one after another. */
export async function forEachItem(
	context: IExecuteFunctions,
	answer: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output = new ItemOutput(context);
	const count = context.getInputData().length;
	for (let i = 0; i < count; i++) output.add(i, await settle(async () => await answer(i)));
	return output.items;
}
