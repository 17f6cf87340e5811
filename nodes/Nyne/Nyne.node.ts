import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { usableAsToolWith } from '../common/builderHints';
import type { HintedNodeDescription } from '../common/builderHints';
import { resumeOnCallback } from './actions/interaction/waitForCallback/resumeOnCallback';
import { router } from './actions/router';
import { nodeProperties, operationSubtitle } from './actions/versionDescription';
import { NYNE_BUILDER_HINT, NYNE_TOOL_BUILDER_HINT } from './builderHint';

export class Nyne implements INodeType {
	description: HintedNodeDescription = {
		displayName: 'Nyne',
		name: 'nyne',
		icon: { light: 'file:nyne.svg', dark: 'file:nyne.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(nodeProperties),
		description:
			'Find who replied to a post, who follows an account and whom it follows, on Twitter/X and Instagram',
		defaults: { name: 'Nyne' },
		// The derived Nyne Tool gets its own note to AI builders (an agent fills the URL); older n8n ignores both.
		usableAsTool: usableAsToolWith(NYNE_TOOL_BUILDER_HINT),
		builderHint: NYNE_BUILDER_HINT,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nyneApi', required: true }],
		// Only for Wait Mode "Wait for Callback": the execution's resume URL lands here; never registered as a trigger.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: '',
				isFullPath: true,
				restartWebhook: true,
				responseMode: 'onReceived',
			},
		],
		properties: nodeProperties,
	};

	// The webhook is a restartWebhook: this execution's resume URL, sent to Nyne inside each lookup. n8n registers
	// no restartWebhook and Nyne keeps no webhook list, so nothing is created or deleted; the lifecycle is complete and empty.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnCallback.call(this);
	}
}
