import type { IDataObject, INode } from 'n8n-workflow';

import { NyneTrigger } from '../../../nodes/NyneTrigger/NyneTrigger.node';
import { startLoopbackServer, type LoopbackCall } from '../core/loopbackServer';
import { singleNodeWorkflow, webhookContext } from './contexts';
import { nyneTriggerNode } from './triggerNodes';

export interface TriggerCall {
	call: LoopbackCall;
	status: number;
	/** The items the trigger started its workflow with (none when it refused or dropped the call). */
	items: IDataObject[];
}

/**
 * An active Nyne Trigger behind a loopback port, as n8n serves it: every POST runs the trigger's real webhook
 * (n8n-core's WebhookContext, one workflow with its static data) and is answered with what it answered.
 */
export async function startTriggerEndpoint(token: string) {
	const trigger = new NyneTrigger();
	const node: INode = nyneTriggerNode('trigger-endpoint', { token, output: 'split' });
	const workflow = singleNodeWorkflow(node);
	const calls: TriggerCall[] = [];
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	const deliver = async (call: Pick<LoopbackCall, 'body' | 'query'>) => {
		const { context, response } = webhookContext({
			workflow,
			node,
			body: call.body,
			query: call.query,
		});
		const answer = await trigger.webhook.call(context);
		const status = answer.noWebhookResponse ? response.statusCode : 200;
		return { status, items: (answer.workflowData?.[0] ?? []).map((item) => item.json) };
	};
	const server = await startLoopbackServer(async (call) => {
		const { status, items } = await deliver(call);
		calls.push({ call, status, items });
		for (const waiter of waiters.filter((w) => calls.length >= w.count)) waiter.resolve();
		return { status, body: '{}' };
	});
	return {
		/** The trigger's Production URL with its token, as the user pastes it into the Callback URL. */
		url: `${server.url}/webhook/abc/nyne?token=${token}`,
		calls,
		/** Runs the webhook on a call made up by the test (a forger's), outside the listener. */
		deliver,
		/** Resolves once `count` calls have arrived. */
		received: (count: number) =>
			calls.length >= count
				? Promise.resolve()
				: new Promise<void>((resolve) => waiters.push({ count, resolve })),
		close: server.close,
	};
}
