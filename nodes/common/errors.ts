import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { NyneApiError, NyneError, NyneValidationError } from '../../shared';

export type NodeError = NodeApiError | NodeOperationError;

/** The code a workflow can branch on: the API's own code, or the core's client-side one. */
export function errorCodeOf(error: unknown): string {
	if (error instanceof NyneError) return error.code;
	const fromContext = (error as { context?: { code?: unknown } } | null)?.context?.code;
	if (typeof fromContext === 'string') return fromContext;
	return 'node_error';
}

/** n8n's guidelines and its own nodes: an error about one item ends its message with "[item N]" (once). */
function namingItem<E extends NodeError>(error: E, itemIndex: number | undefined): E {
	if (itemIndex === undefined) return error;
	const suffix = ` [item ${itemIndex}]`;
	if (!error.message.endsWith(suffix)) error.message += suffix;
	return error;
}

/** Maps the core's errors to n8n's: bad input is an operation error (nothing was sent), everything else an API error. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
	return namingItem(mapError(node, error, itemIndex), itemIndex);
}

function mapError(node: INode, error: unknown, itemIndex?: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof NyneValidationError) {
		const nodeError = new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Nothing was sent to Nyne (error code: ${error.code}).`,
		});
		nodeError.context.code = error.code;
		return nodeError;
	}
	if (error instanceof NyneApiError) {
		const response: JsonObject = { code: error.code, message: error.message };
		if (error.requestId) response.request_id = error.requestId;
		const nodeError = new NodeApiError(node, response, {
			message: error.message,
			description: `Nyne error code: ${error.code}${error.requestId ? ` (request ${error.requestId})` : ''}`,
			...(error.httpStatus ? { httpCode: String(error.httpStatus) } : {}),
			itemIndex,
		});
		// NodeApiError swaps any message naming ECONNRESET, ETIMEDOUT... for "You can retry the request
		// immediately", even one given explicitly; after a lost POST that advice would pay twice.
		nodeError.message = error.message;
		nodeError.context.code = error.code;
		if (error.requestId) nodeError.context.requestId = error.requestId;
		return nodeError;
	}
	if (error instanceof Error) return new NodeOperationError(node, error, { itemIndex });
	return new NodeOperationError(node, String(error), { itemIndex });
}

/**
 * What a failure becomes when the node goes on (continueOnFail), and what the Nyne Trigger emits for a failed
 * lookup: the same words in every node. The item is paired to its input, so "[item N]" is left off here.
 */
export function errorItem(
	error: unknown,
	message = error instanceof Error ? error.message : String(error),
): IDataObject {
	const requestId = error instanceof NyneApiError ? error.requestId : undefined;
	return {
		error: message.replace(/ \[item \d+\]$/, ''),
		code: errorCodeOf(error),
		...(requestId ? { request_id: requestId } : {}),
	};
}
