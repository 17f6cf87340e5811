import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { HintedNodeDescription, HintedProperty } from '../common/builderHints';
import { MIN_TOKEN_LENGTH } from '../common/callbackSigning';
import { errorItem } from '../common/errors';
import { outputOption, readOutputShape, renderLookup } from '../common/output';
import { NYNE_TRIGGER_BUILDER_HINT } from './builderHint';
import { receiveCallback } from './receiveCallback';

const tokenField: HintedProperty = {
	displayName: 'Secret Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	required: true,
	default: '',
	description:
		'A secret of at least 16 characters that only this workflow and its callback URLs know, e.g. from a password generator',
	builderHint: {
		propertyHint:
			"At least 16 characters; the Nyne node's callbackUrl must end with ?token=<this value>",
	},
};

export class NyneTrigger implements INodeType {
	description: HintedNodeDescription = {
		displayName: 'Nyne Trigger',
		name: 'nyneTrigger',
		icon: { light: 'file:nyneTrigger.svg', dark: 'file:nyneTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Lookup results',
		// n8n's node picker shows one "Nyne" card for this trigger and the Nyne node, with this description.
		description:
			'Find who replied to a post, who follows an account and whom it follows, on Twitter/X and ' +
			'Instagram, and start workflows from the results of lookups',
		defaults: { name: 'Nyne Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		builderHint: NYNE_TRIGGER_BUILDER_HINT,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'nyne',
			},
		],
		properties: [
			{
				displayName:
					'Give Nyne the Production URL above with <code>?token=</code> and your Secret Token ' +
					'appended as its callback URL (in the Nyne node: Wait Mode "Don\'t Wait" > Callback ' +
					'URL). Map a Reference there (a row ID, the input URL) and every person comes out with ' +
					'it as <code>reference</code>. Calls without the right token or signature get 403 and start nothing.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			tokenField,
			outputOption,
		],
	};

	webhookMethods = {
		default: {
			// Nothing is registered at Nyne (each lookup names its callback URL), so activation only checks the token.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const token = String(this.getNodeParameter('token', '') ?? '');
				if (token.length < MIN_TOKEN_LENGTH) {
					throw new NodeOperationError(
						this.getNode(),
						`Set a Secret Token of at least ${MIN_TOKEN_LENGTH} characters`,
						{
							description:
								'Nyne calls this webhook with ?token=<Secret Token>; a short token is easy to guess.',
						},
					);
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const token = String(this.getNodeParameter('token', '') ?? '');
		const call = receiveCallback(this, token.length < MIN_TOKEN_LENGTH ? '' : token);
		if ('answer' in call) return call.answer;
		const { view, reference } = call;

		// A trigger cannot fail its caller, so a failed lookup is the item the Nyne node gives on "continue on fail".
		const json = view.failure
			? [errorItem(view.failure)]
			: renderLookup(view, readOutputShape(this.getNodeParameter('output', 'split')));
		if (json.length === 0) return { webhookResponse: { received: true } };
		return {
			webhookResponse: { received: true },
			workflowData: [
				json.map((item) => ({ json: reference === undefined ? item : { reference, ...item } })),
			],
		};
	}
}
