import { createHmac } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { InteractionRequestBody } from '../../../../shared';

export const CALLBACK_TOKEN_PARAMETER = 'nyne_token';

/**
 * Binds a resume URL to this execution, this node and this request, keyed by the API secret:
 * n8n's resume URLs are guessable, so only a caller holding this token may resume the execution.
 */
export function callbackToken(apiSecret: string, executionId: string, nodeId: string, body: InteractionRequestBody): string {
	const request = JSON.stringify([body.type, body.social_media_url, body.max_results ?? null]);
	return createHmac('sha256', apiSecret).update(`nyne-resume|${executionId}|${nodeId}|${request}`).digest('hex').slice(0, 40);
}

/** This execution's resume URL with its callback token: where "Wait for Callback" asks Nyne to post the result. */
export function signedResumeUrl(context: IExecuteFunctions, itemIndex: number, body: InteractionRequestBody, apiSecret: string): string {
	const url = new URL(String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex)));
	url.searchParams.set(CALLBACK_TOKEN_PARAMETER, callbackToken(apiSecret, context.getExecutionId(), context.getNode().id, body));
	return url.toString();
}
