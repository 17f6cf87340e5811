import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { maskCallbackUrl, startLookup } from '../../../../shared';
import type { LookupSummary } from '../../../../shared';
import { submitOnce } from '../../../common/transport';
import type { RunContext } from '../runContext';
import type { Started } from '../types';
import type { LookupItem } from './readLookupItem';

/** What a lookup that is not waited for returns at once: its summary, with the callback URL it was given, if any. */
export function startedItem(
	summary: LookupSummary,
	withCallbackUrl: boolean,
	reference?: string,
): IDataObject {
	const { request_id, status, interaction_type, platform, created_on, callback_url } = summary;
	return {
		...(reference !== undefined ? { reference } : {}),
		request_id,
		status,
		interaction_type,
		platform,
		created_on,
		...(withCallbackUrl && callback_url ? { callback_url: maskCallbackUrl(callback_url) } : {}),
	};
}

/**
 * Sends an item's lookup (once per node run, so n8n's Retry On Fail never pays twice): Wait for Result leaves it to
 * collect, Don't Wait answers with it at once.
 */
export async function startLookupItem(
	context: IExecuteFunctions,
	itemIndex: number,
	item: LookupItem,
	run: RunContext,
): Promise<Started> {
	const view = await submitOnce(
		context,
		itemIndex,
		item.request,
		async () =>
			await startLookup(await run.client(), item.body, {
				signal: run.signal,
				timeoutMs: item.timeoutMs,
			}),
	);
	if (item.waitMode === 'none')
		return {
			items: [startedItem(view.summary, true, item.reference)],
			requestId: view.summary.request_id,
		};
	return { requestId: view.summary.request_id };
}
