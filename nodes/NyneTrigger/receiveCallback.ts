import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readCallbackReference } from '../../shared';
import type { LookupView } from '../../shared';
import { hmacSha256, TOKEN_QUERY_PARAMETER } from '../common/callbackSigning';
import { acceptCallback, readCallbackBody, respond } from '../common/webhook';
import { isFirstDelivery } from './recentDeliveries';
import { claimReference } from './usedReferences';

/** A callback let in once: the lookup it carries, and the reference its signed URL gave it, if any. */
export type Received = { view: LookupView; reference?: string } | { answer: IWebhookResponseData };

/**
 * Lets a call in with the Secret Token in its query (as pasted from the setup notice), or with a reference the
 * token signed (as the Nyne node's Reference makes it); then drops Nyne's repeats of a delivered lookup and
 * refuses a signed URL used for a second lookup.
 */
export function receiveCallback(context: IWebhookFunctions, token: string): Received {
	const query = context.getQueryData() as IDataObject;
	const signed = readCallbackReference(query, token, hmacSha256, Date.now());
	if (signed.kind === 'refused')
		return { answer: respond(context, 403, { error: `Refused: ${signed.reason}.` }) };
	const call =
		signed.kind === 'signed'
			? readCallbackBody(context)
			: acceptCallback(context, {
					parameter: TOKEN_QUERY_PARAMETER,
					expected: token,
					refusal: 'Missing or wrong token.',
				});
	if ('answer' in call) return call;
	const requestId = call.view.summary.request_id;
	const scope = `${context.getMode()}:${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	const staticData = context.getWorkflowStaticData('node');
	if (signed.kind === 'signed') {
		const use = claimReference(staticData, scope, signed.nonce, requestId);
		if (use === 'reused')
			return {
				answer: respond(context, 403, {
					error: 'Refused: this callback URL already delivered another lookup.',
				}),
			};
	}
	if (!isFirstDelivery(staticData, scope, requestId))
		return { answer: { webhookResponse: { received: true, duplicate: true } } };
	return signed.kind === 'signed' ? { ...call, reference: signed.reference } : call;
}
