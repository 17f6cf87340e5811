import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { NyneValidationError } from '../../../../../shared';
import type { CallbackReading } from '../../../../../shared';
import { errorItem, toNodeError } from '../../../../common/errors';
import { readLookupShape, renderLookup } from '../../../../common/output';
import { acceptCallback, respond } from '../../../../common/webhook';
import { isSignedResumeToken, waitIdOf } from './resumeToken';
import { CALLBACK_TOKEN_PARAMETER } from './resumeUrl';
import { recallWait, recallWaitingItem } from './waitRecord';

function continuesOnFail(context: IWebhookFunctions): boolean {
	const node = context.getNode();
	if (node.onError !== undefined)
		return node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
	return node.continueOnFail === true;
}

/**
 * What this execution's waiting run kept: its token and the request it submitted, and the credential's pair to
 * keep out of messages. Where the resume webhook cannot read the execution's custom data back (n8n 1.x), the
 * item the run left waiting holds the request and a digest of the token (`wait_id`); a run started by an older
 * version of the node left no digest, and its token is checked by its signature for this execution and node. A
 * callback is always checked against the request the run submitted, so another run's callback (a loop's
 * earlier item, a replay) resumes nothing.
 */
async function expectedCall(
	context: IWebhookFunctions,
): Promise<{ token: string; reading: CallbackReading }> {
	const { apiKey, apiSecret } = await context.getCredentials<{ apiKey: string; apiSecret: string }>(
		'nyneApi',
	);
	const secrets = [apiKey, apiSecret];
	const record = recallWait(context);
	if (record?.requestId) {
		return { token: record.token, reading: { secrets, expectedRequestId: record.requestId } };
	}
	const waiting = recallWaitingItem(context);
	const received = (context.getQueryData() as IDataObject)[CALLBACK_TOKEN_PARAMETER];
	if (waiting.requestId && typeof received === 'string') {
		const reading = { secrets, expectedRequestId: waiting.requestId };
		if (waiting.waitId !== undefined) {
			if (waitIdOf(received) === waiting.waitId) return { token: received, reading };
		} else if (
			isSignedResumeToken(received, apiSecret, context.getExecutionId(), context.getNode().id)
		) {
			return { token: received, reading };
		}
		throw new NyneValidationError('wrong_token', 'the token is not the one this wait was given');
	}
	throw new NyneValidationError(
		'not_waiting',
		'no lookup of this node is waiting in this execution',
	);
}

/**
 * Runs when Nyne POSTs to the execution's resume URL ("Wait for Callback"). A call without this
 * run's token, about another request, or with a body that is not a Nyne callback, is refused and the execution
 * keeps waiting.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let expected: { token: string; reading: CallbackReading };
	try {
		expected = await expectedCall(this);
	} catch (error) {
		const reason =
			error instanceof NyneValidationError ? error.message : 'the node cannot check callbacks';
		this.logger.warn(`Nyne callback refused: ${reason}`);
		return respond(this, 403, { error: 'This execution cannot accept callbacks.' });
	}
	const call = acceptCallback(
		this,
		{
			parameter: CALLBACK_TOKEN_PARAMETER,
			expected: expected.token,
			refusal: 'Missing or wrong callback token.',
		},
		expected.reading,
	);
	if ('answer' in call) return call.answer;
	const { view } = call;

	if (view.failure) {
		if (!continuesOnFail(this)) throw toNodeError(this.getNode(), view.failure);
		return {
			webhookResponse: { received: true },
			workflowData: [[{ json: errorItem(view.failure), pairedItem: { item: 0 } }]],
		};
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const items = renderLookup(view, readLookupShape(options, false));
	return {
		webhookResponse: { received: true },
		workflowData: [items.map((json) => ({ json, pairedItem: { item: 0 } }))],
	};
}
