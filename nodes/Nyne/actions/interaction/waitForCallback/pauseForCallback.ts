import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { startLookup } from '../../../../../shared';
import { submitOnce } from '../../../../common/transport';
import type { RunContext } from '../../runContext';
import type { Started } from '../../types';
import type { LookupItem } from '../readLookupItem';
import { startedItem } from '../startLookupItem';
import { waitIdOf } from './resumeToken';
import { rememberWait } from './waitRecord';

/**
 * What the execution goes on with when no callback came by the deadline. n8n then resumes it without calling this
 * node again (it skips the waiting node and passes its input on), so the notice is put in place of that input now.
 */
/** The item a wait leaves on the stack: n8n outputs it if no callback comes, and the resume checks a callback with it. */
function noCallbackNotice(requestId: string, timeoutMs: number, token: string): IDataObject {
	return {
		error:
			`No callback from Nyne arrived within ${Math.round(timeoutMs / 1000)} s. The lookup ` +
			`may still complete at Nyne as request ${requestId}: ` +
			'fetch it with Resource "Request" > Operation "Get", or raise Options > Timeout.',
		code: 'callback_timeout',
		request_id: requestId,
		wait_id: waitIdOf(token),
	};
}

/**
 * "Wait for Callback": sends the item's lookup, whose callback URL is this execution's resume URL with the run's
 * token, keeps the token and the request with the execution, and puts the execution to wait for Nyne's post
 * (resumeOnCallback.ts reads it).
 */
export async function pauseForCallback(
	context: IExecuteFunctions,
	itemIndex: number,
	item: LookupItem,
	run: RunContext,
): Promise<Started> {
	const { token, view } = await submitOnce(context, itemIndex, item.request, async () => {
		const token = String(item.resumeToken);
		rememberWait(context, itemIndex, { token });
		return {
			token,
			view: await startLookup(await run.client(), item.body, {
				signal: run.signal,
				timeoutMs: item.timeoutMs,
			}),
		};
	});
	const requestId = view.summary.request_id;
	rememberWait(context, itemIndex, { token, requestId });
	await context.putExecutionToWait(new Date(Date.now() + item.timeoutMs));
	const waiting = context.getExecuteData();
	waiting.data.main = [
		[
			{
				json: noCallbackNotice(requestId, item.timeoutMs, token),
				pairedItem: { item: itemIndex },
			},
		],
	];
	return { items: [{ ...startedItem(view.summary, false), waiting_for: 'callback' }], requestId };
}
