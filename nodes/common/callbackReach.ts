import type { IExecuteFunctions } from 'n8n-workflow';

import { isCallbackUnreachable, normalizeBaseUrl, NyneValidationError } from '../../shared';
import { CREDENTIAL_NAME } from './transport';

/** Where Nyne will be asked to post: this execution's resume URL, or the Callback URL the user gave. */
export type CallbackKind = 'resume' | 'callback';

/**
 * Refuses, before anything is sent, a lookup whose result Nyne could never deliver: the callback host is this
 * machine or a private network while the credential points at the public API. A sandbox on this machine is fine.
 */
export async function checkCallbackReachable(
	context: IExecuteFunctions,
	itemIndex: number,
	callbackUrl: string,
	kind: CallbackKind,
): Promise<void> {
	const { baseUrl } = await context.getCredentials<{ baseUrl?: string }>(
		CREDENTIAL_NAME,
		itemIndex,
	);
	if (!isCallbackUnreachable(callbackUrl, normalizeBaseUrl(baseUrl))) return;
	const host = new URL(callbackUrl).host;
	const fix =
		kind === 'resume'
			? `n8n builds its resume URL from its WEBHOOK_URL setting (N8N_WEBHOOK_URL on newer ` +
				`n8n): set it to this n8n's public address, or set Wait Mode to "Wait for Result".`
			: "Give a Callback URL on a public address (for an n8n webhook, set n8n's " +
				'WEBHOOK_URL, N8N_WEBHOOK_URL on newer n8n, to its public address), or set Wait Mode ' +
				'to "Wait for Result".';
	throw new NyneValidationError(
		'unreachable_callback_url',
		`Nyne cannot reach ${host}: it is this machine or a private network, and Nyne posts results from the internet. ${fix}`,
		'callback_url',
	);
}
