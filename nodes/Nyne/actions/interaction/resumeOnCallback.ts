import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData, JsonObject } from 'n8n-workflow';

import { NyneValidationError, parseCallbackPayload } from '../../../../shared';
import type { LookupOutcome } from '../../../../shared';
import { completedToJson, readOutputShape } from '../options';
import { buildLookupBody, CALLBACK_TOKEN_PARAMETER, callbackToken, tokensMatch } from './lookupBody';
import type { LookupOperation } from './lookupBody';

function reject(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

function continuesOnFail(context: IWebhookFunctions): boolean {
	const node = context.getNode();
	if (node.onError !== undefined) return node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
	return node.continueOnFail === true;
}

/**
 * Runs when Nyne POSTs to the execution's resume URL ("Wait for Callback"). A call without this
 * execution's token, or with a body that is not a Nyne callback, is refused and the execution keeps waiting.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const operation = this.getNodeParameter('operation', '') as LookupOperation;
	const query = this.getQueryData() as IDataObject;
	let expected: string;
	try {
		const body = buildLookupBody(operation, (name, fallback) => this.getNodeParameter(name, fallback));
		const { apiSecret } = await this.getCredentials<{ apiSecret: string }>('nyneApi');
		expected = callbackToken(apiSecret, this.getExecutionId(), this.getNode().id, body);
	} catch (error) {
		const reason = error instanceof NyneValidationError ? error.message : 'the node cannot check callbacks';
		this.logger.warn(`Nyne callback refused: ${reason}`);
		return reject(this, 403, 'This execution cannot accept callbacks.');
	}
	if (!tokensMatch(query[CALLBACK_TOKEN_PARAMETER], expected)) {
		return reject(this, 403, 'Missing or wrong callback token.');
	}

	let outcome: LookupOutcome;
	try {
		outcome = parseCallbackPayload(this.getBodyData());
	} catch (error) {
		return reject(this, 400, error instanceof Error ? error.message : 'Not a Nyne callback.');
	}

	if (outcome.status === 'failed') {
		const message = `The lookup failed: ${outcome.error} (request ${outcome.requestId}). Nyne charges no credits for a lookup that finds no data.`;
		if (continuesOnFail(this)) {
			return {
				webhookResponse: { received: true },
				workflowData: [[{ json: { error: message, code: 'lookup_failed', request_id: outcome.requestId }, pairedItem: { item: 0 } }]],
			};
		}
		const response: JsonObject = { code: 'lookup_failed', message, request_id: outcome.requestId };
		throw new NodeApiError(this.getNode(), response, { message, description: 'Nyne error code: lookup_failed' });
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const people = completedToJson(outcome, readOutputShape(options));
	return {
		webhookResponse: { received: true },
		workflowData: [people.map((json) => ({ json, pairedItem: { item: 0 } }))],
	};
}
