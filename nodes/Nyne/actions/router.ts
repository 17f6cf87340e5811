import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NyneClient } from '../../../shared';
import { errorItem, toNodeError } from '../../common/errors';
import type { NodeError } from '../../common/errors';
import { isCalledAsTool } from '../../common/toolCall';
import { createNyneClient } from '../../common/transport';
import * as account from './account/Account.resource';
import * as interaction from './interaction/Interaction.resource';
import * as request from './request/Request.resource';
import type { NyneOperation, NyneResource, RunContext, Settled, Started } from './types';

const resources: Record<NyneResource, Record<string, NyneOperation>> = {
	interaction: interaction.operations,
	request: request.operations,
	account: account.operations,
};

type Attempted<T> = { ok: true; value: T } | { ok: false; error: unknown };
/** An item that has started, with what its `prepare` gave (its `collect` needs it). */
type StartedItem = { prepared: unknown; started: Started };

/** Lookups already paid for whose results the failing run would drop: named so the user need not start them again. */
function startedElsewhere(begun: Array<Attempted<StartedItem>>, failedIndex: number): string[] {
	return begun.flatMap((step, index) => {
		const requestId = index !== failedIndex && step.ok ? step.value.started.requestId : undefined;
		return requestId ? [requestId] : [];
	});
}

function withStartedLookups(error: NodeError, requestIds: string[]): NodeError {
	if (requestIds.length === 0) return error;
	const note =
		'Lookups already started for other items keep running at Nyne; fetch them with Resource "Request" > Operation "Get" ' +
		`instead of starting them again: ${requestIds.join(', ')}.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

function createRunContext(context: IExecuteFunctions): RunContext {
	let client: Promise<NyneClient> | undefined;
	return {
		client: async () =>
			await (client ??= createNyneClient(context, context.getExecutionCancelSignal())),
		signal: context.getExecutionCancelSignal(),
	};
}

async function attempt<T>(step: () => T | Promise<T>): Promise<Attempted<T>> {
	try {
		return { ok: true, value: await step() };
	} catch (error) {
		return { ok: false, error };
	}
}

/**
 * The one item loop. Three passes, so that bad input fails before anything is sent and
 * many lookups wait side by side: prepare every item, start every item, then collect. Between the first
 * two the operation may settle items (a result already paid for, an item beyond the budget) or refuse the run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as NyneResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for resource "${resource}"`,
		);
	}
	const run = createRunContext(this);
	// A model reads a tool's failure as its answer: words it can act on, never a thrown class name.
	const continueOnFail = this.continueOnFail() || isCalledAsTool(this);
	const begun: Array<Attempted<StartedItem>> = [];
	const failFast = (step: Attempted<unknown>, itemIndex: number): void => {
		if (step.ok || continueOnFail) return;
		throw withStartedLookups(
			toNodeError(this.getNode(), step.error, itemIndex),
			startedElsewhere(begun, itemIndex),
		);
	};

	const prepared: Array<Attempted<unknown>> = [];
	for (let i = 0; i < items.length; i++) {
		prepared[i] = await attempt(() => operation.prepare.call(this, i));
		failFast(prepared[i], i);
	}
	const settled = await settle(this, operation, prepared, run);
	for (let i = 0; i < items.length; i++) {
		begun[i] = await begin(this, operation, i, prepared[i], settled.get(i), run);
		failFast(begun[i], i);
	}

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const collected = await collect(this, operation, i, begun[i], run);
		if (collected.ok) {
			for (const json of collected.value) returnData.push({ json, pairedItem: { item: i } });
			continue;
		}
		const nodeError = toNodeError(this.getNode(), collected.error, i);
		if (!continueOnFail) throw withStartedLookups(nodeError, startedElsewhere(begun, i));
		returnData.push({
			json: errorItem(collected.error, nodeError.message),
			pairedItem: { item: i },
		});
	}
	return [returnData];
}

/** Starts an item, unless `settle` already decided it or it failed to prepare. */
async function begin(
	context: IExecuteFunctions,
	operation: NyneOperation,
	itemIndex: number,
	ready: Attempted<unknown>,
	early: Settled | undefined,
	run: RunContext,
): Promise<Attempted<StartedItem>> {
	if (early && !early.ok) return early;
	if (early)
		return {
			ok: true,
			value: { prepared: ready.ok ? ready.value : undefined, started: early.started },
		};
	if (!ready.ok) return ready;
	return await attempt(async () => ({
		prepared: ready.value,
		started: await operation.start.call(context, itemIndex, ready.value, run),
	}));
}

/** The operation's own decisions before anything is sent; a refusal of the whole run fails it here. */
async function settle(
	context: IExecuteFunctions,
	operation: NyneOperation,
	prepared: Array<Attempted<unknown>>,
	run: RunContext,
): Promise<Map<number, Settled>> {
	if (!operation.settle) return new Map();
	const ready = new Map<number, unknown>();
	prepared.forEach((step, index) => {
		if (step.ok) ready.set(index, step.value);
	});
	if (ready.size === 0) return new Map();
	try {
		return await operation.settle.call(context, ready, run);
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

/** An item's items: given at start, or waited for now; a failed step stays failed. */
async function collect(
	context: IExecuteFunctions,
	operation: NyneOperation,
	itemIndex: number,
	step: Attempted<StartedItem>,
	run: RunContext,
): Promise<Attempted<IDataObject[]>> {
	if (!step.ok) return step;
	const { prepared, started } = step.value;
	if ('items' in started) return { ok: true, value: started.items };
	return await attempt(async () => {
		if (!operation.collect)
			throw new NodeOperationError(context.getNode(), 'This operation starts nothing to collect', {
				itemIndex,
			});
		return await operation.collect.call(context, itemIndex, prepared, started.requestId, run);
	});
}
