import type { IExecuteFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

import { NyneValidationError } from '../../../../../shared';

/** What a waiting run keeps with its execution: the token its resume URL carries, and the lookup it started. */
export interface WaitRecord {
	token: string;
	requestId?: string;
}

/** The execution's custom-data key for this node (keys allow letters, digits and "_", at most 50 characters). */
function recordKey(node: INode): string {
	return `nyne_wait_${node.id.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 50);
}

function encode(record: WaitRecord): string {
	return record.requestId ? `${record.token} ${record.requestId}` : record.token;
}

/**
 * Keeps the record in the execution's custom data, which n8n saves with the waiting execution; a later run of
 * this node overwrites it, so an older run's callback no longer resumes anything.
 */
export function rememberWait(
	context: IExecuteFunctions,
	itemIndex: number,
	record: WaitRecord,
): void {
	const customData = context.getWorkflowDataProxy(itemIndex).$execution?.customData as
		{ set(key: string, value: string): void; get(key: string): string | undefined } | undefined;
	const key = recordKey(context.getNode());
	customData?.set(key, encode(record));
	if (customData?.get(key) !== encode(record)) {
		throw new NyneValidationError(
			'resume_token_not_kept',
			'This execution cannot keep the token that "Wait for Callback" needs (its custom ' +
				'data is unavailable or already holds 10 entries). Set Wait Mode to "Wait for Result".',
		);
	}
}

/** The record the waiting run kept, read back when a call to the resume URL arrives. */
export function recallWait(context: IWebhookFunctions): WaitRecord | undefined {
	const key = recordKey(context.getNode());
	let stored: unknown;
	try {
		stored = context.evaluateExpression(`{{ $execution.customData.get("${key}") }}`);
	} catch {
		return undefined;
	}
	if (typeof stored !== 'string' || stored === '') return undefined;
	const [token, requestId] = stored.split(' ');
	return { token, ...(requestId ? { requestId } : {}) };
}

/**
 * What the waiting run left on the execution's stack: the item it outputs if no callback comes, with the request
 * it started and its `wait_id`. Every supported n8n hands that item to the resume webhook as its input, where
 * 1.x cannot read the execution's custom data back.
 */
export function recallWaitingItem(context: IWebhookFunctions): {
	requestId?: string;
	waitId?: string;
} {
	const read = (field: string): string | undefined => {
		try {
			const value: unknown = context.evaluateExpression(`{{ $json.${field} }}`);
			return typeof value === 'string' && value !== '' ? value : undefined;
		} catch {
			return undefined;
		}
	};
	return { requestId: read('request_id'), waitId: read('wait_id') };
}
