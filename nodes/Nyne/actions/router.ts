import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NyneClient } from '../../../shared';
import { createNyneClient } from '../transport';
import * as account from './account/Account.resource';
import { errorCodeOf, toNodeError } from './errors';
import type { NodeError } from './errors';
import * as interaction from './interaction/Interaction.resource';
import * as request from './request/Request.resource';
import type { Deferred, NyneOperation, NyneResource, OperationResult, RunContext } from './types';

const resources: Record<NyneResource, Record<string, NyneOperation>> = {
	interaction: interaction.operations,
	request: request.operations,
	account: account.operations,
};

type Slot = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Lookups already paid for whose results the failing run would drop: named so the user need not start them again. */
function startedElsewhere(slots: Slot[], failedIndex: number): string[] {
	return slots.flatMap((slot, index) => {
		const requestId = index !== failedIndex && slot?.ok ? (slot.value as Deferred | undefined)?.requestId : undefined;
		return requestId ? [requestId] : [];
	});
}

function withStartedLookups(error: NodeError, requestIds: string[]): NodeError {
	if (requestIds.length === 0) return error;
	const note = `Lookups already started for other items keep running at Nyne; fetch them with Resource "Request" > Operation "Get" instead of starting them again: ${requestIds.join(', ')}.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

function createRunContext(context: IExecuteFunctions): RunContext {
	let client: Promise<NyneClient> | undefined;
	return {
		client: async () => await (client ??= createNyneClient(context, context.getExecutionCancelSignal())),
		signal: context.getExecutionCancelSignal(),
	};
}

/**
 * The one item loop. Three passes, so that bad input fails before anything is sent and
 * many lookups wait side by side: check every item, submit every item, then collect.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as NyneResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not known for resource "${resource}"`);
	}
	const run = createRunContext(this);
	const continueOnFail = this.continueOnFail();
	const started: Slot[] = [];
	const fail = (error: unknown, itemIndex: number): Slot => {
		if (!continueOnFail) throw withStartedLookups(toNodeError(this.getNode(), error, itemIndex), startedElsewhere(started, itemIndex));
		return { ok: false, error };
	};

	const prepared: Slot[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared[i] = { ok: true, value: operation.prepare?.call(this, i) };
		} catch (error) {
			prepared[i] = fail(error, i);
		}
	}

	for (let i = 0; i < items.length; i++) {
		const slot = prepared[i];
		if (!slot.ok) {
			started[i] = slot;
			continue;
		}
		try {
			started[i] = { ok: true, value: await operation.execute.call(this, i, slot.value, run) };
		} catch (error) {
			started[i] = fail(error, i);
		}
	}

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const slot = started[i];
		let json: IDataObject[];
		try {
			if (!slot.ok) throw slot.error;
			const result = slot.value as OperationResult;
			json = typeof result === 'function' ? await result() : result;
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, i);
			if (!continueOnFail) throw withStartedLookups(nodeError, startedElsewhere(started, i));
			returnData.push({ json: { error: nodeError.message, code: errorCodeOf(error) }, pairedItem: { item: i } });
			continue;
		}
		for (const entry of json) returnData.push({ json: entry, pairedItem: { item: i } });
	}
	return [returnData];
}
