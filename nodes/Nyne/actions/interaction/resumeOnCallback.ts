import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { NyneValidationError } from '../../../../shared';
import type { CallbackReading } from '../../../../shared';
import { errorItem, toNodeError } from '../../../common/errors';
import { readLookupShape, renderLookup } from '../../../common/output';
import { acceptCallback, respond } from '../../../common/webhook';
import { CALLBACK_TOKEN_PARAMETER, recallWait } from './resumeToken';

function continuesOnFail(context: IWebhookFunctions): boolean {
	const node = context.getNode();
	if (node.onError !== undefined)
		return node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
	return node.continueOnFail === true;
}

/** What this execution's waiting run kept: its token and request, and the credential's pair to keep out of messages. */
async function expectedCall(
	context: IWebhookFunctions,
): Promise<{ token: string; reading: CallbackReading }> {
	const record = recallWait(context);
	if (!record?.requestId)
		throw new NyneValidationError(
			'not_waiting',
			'no lookup of this node is waiting in this execution',
		);
	const { apiKey, apiSecret } = await context.getCredentials<{ apiKey: string; apiSecret: string }>(
		'nyneApi',
	);
	return {
		token: record.token,
		reading: { secrets: [apiKey, apiSecret], expectedRequestId: record.requestId },
	};
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
