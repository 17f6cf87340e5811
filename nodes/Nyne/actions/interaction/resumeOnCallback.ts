import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { NyneValidationError } from '../../../../shared';
import { errorItem, toNodeError } from '../../../common/errors';
import { buildLookupBody } from '../../../common/lookupBody';
import { readLookupShape, renderLookup } from '../../../common/output';
import { acceptCallback, respond } from '../../../common/webhook';
import { lookupSpecOf } from './Interaction.resource';
import { CALLBACK_TOKEN_PARAMETER, callbackToken } from './resumeToken';

function continuesOnFail(context: IWebhookFunctions): boolean {
	const node = context.getNode();
	if (node.onError !== undefined) return node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
	return node.continueOnFail === true;
}

/** The token this execution's resume URL was signed with, from the node's own parameters. */
async function expectedToken(context: IWebhookFunctions): Promise<string> {
	const spec = lookupSpecOf(String(context.getNodeParameter('operation', '')));
	if (!spec) throw new NyneValidationError('invalid_operation', 'This operation does not wait for callbacks.');
	const body = buildLookupBody(spec.type, (name, fallback) => context.getNodeParameter(name, fallback));
	const { apiSecret } = await context.getCredentials<{ apiSecret: string }>('nyneApi');
	return callbackToken(apiSecret, context.getExecutionId(), context.getNode().id, body);
}

/**
 * Runs when Nyne POSTs to the execution's resume URL ("Wait for Callback"). A call without this
 * execution's token, or with a body that is not a Nyne callback, is refused and the execution keeps waiting.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let expected: string;
	try {
		expected = await expectedToken(this);
	} catch (error) {
		const reason = error instanceof NyneValidationError ? error.message : 'the node cannot check callbacks';
		this.logger.warn(`Nyne callback refused: ${reason}`);
		return respond(this, 403, { error: 'This execution cannot accept callbacks.' });
	}
	const call = acceptCallback(this, { parameter: CALLBACK_TOKEN_PARAMETER, expected, refusal: 'Missing or wrong callback token.' });
	if ('answer' in call) return call.answer;
	const { view } = call;

	if (view.failure) {
		if (!continuesOnFail(this)) throw toNodeError(this.getNode(), view.failure);
		return { webhookResponse: { received: true }, workflowData: [[{ json: errorItem(view.failure), pairedItem: { item: 0 } }]] };
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const items = renderLookup(view, readLookupShape(options, false));
	return { webhookResponse: { received: true }, workflowData: [items.map((json) => ({ json, pairedItem: { item: 0 } }))] };
}
