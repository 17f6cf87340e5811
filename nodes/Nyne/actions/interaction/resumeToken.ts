import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IExecuteFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

import { NyneValidationError } from '../../../../shared';

export const CALLBACK_TOKEN_PARAMETER = 'nyne_token';

/** What a waiting run keeps with its execution: the token its resume URL carries, and the lookup it started. */
export interface WaitRecord {
	token: string;
	requestId?: string;
}

/**
 * A fresh token for each run that waits: a random nonce and its signature for this execution and node under the
 * API secret. n8n's resume URLs are guessable, so only a caller holding it may resume; the signature lets the
 * resume check it where the execution's custom data cannot be read back (n8n 1.x's resume webhook).
 */
export function newResumeToken(apiSecret: string, executionId: string, nodeId: string): string {
	const nonce = randomBytes(16).toString('hex');
	return `${nonce}.${signNonce(apiSecret, executionId, nodeId, nonce)}`;
}

function signNonce(apiSecret: string, executionId: string, nodeId: string, nonce: string): string {
	return createHmac('sha256', apiSecret)
		.update(`nyne-resume|${executionId}|${nodeId}|${nonce}`)
		.digest('hex')
		.slice(0, 40);
}

/**
 * The waiting run's own mark of its token, kept with the item it leaves on the execution's stack (as `wait_id`):
 * a one-way digest, so it resumes nothing by itself, and it needs no API secret to check (a rotated secret still
 * lets the paid result in).
 */
export function waitIdOf(token: string): string {
	return createHash('sha256').update(`nyne-wait|${token}`).digest('hex').slice(0, 32);
}

/** Whether a token was made by newResumeToken for this execution and node under this API secret. */
export function isSignedResumeToken(
	token: unknown,
	apiSecret: string,
	executionId: string,
	nodeId: string,
): boolean {
	if (typeof token !== 'string') return false;
	const [nonce, signature] = token.split('.');
	if (!nonce || !signature || !/^[0-9a-f]{32}$/.test(nonce)) return false;
	const expected = Buffer.from(signNonce(apiSecret, executionId, nodeId, nonce));
	const received = Buffer.from(signature);
	return received.length === expected.length && timingSafeEqual(received, expected);
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

/** This execution's resume URL, without a token. */
export function resumeUrlOf(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
}

/** The resume URL "Wait for Callback" asks Nyne to post the result to. */
export function withResumeToken(resumeUrl: string, token: string): string {
	const url = new URL(resumeUrl);
	url.searchParams.set(CALLBACK_TOKEN_PARAMETER, token);
	return url.toString();
}
