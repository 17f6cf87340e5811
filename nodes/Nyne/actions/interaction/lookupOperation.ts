import { WAIT_INDEFINITELY } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { collectLookup, maskCallbackUrl, NyneApiError, startLookup } from '../../../../shared';
import type { InteractionType, LookupSummary } from '../../../../shared';
import { socialMediaUrlField } from '../../../common/fields';
import { renderLookup } from '../../../common/output';
import type { NyneOperation, RunContext, Started } from '../types';
import { prepareLookup } from './prepareLookup';
import type { PreparedLookup } from './prepareLookup';
import { signedResumeUrl } from './resumeToken';

/** What one lookup operation is: its option in the Operation list, the core's interaction type, and its URL field. */
export interface LookupSpec {
	operation: string;
	type: InteractionType;
	option: INodePropertyOptions;
	urlPlaceholder: string;
	urlHint: string;
}

function timedOut(requestId: string, timeoutMs: number): NyneApiError {
	return new NyneApiError('timeout', {
		requestId,
		message:
			`The lookup did not finish within ${Math.round(timeoutMs / 1000)} s. It is still running at Nyne as request ${requestId}: ` +
			'fetch it later with Resource "Request" > Operation "Get", or raise Options > Timeout.',
	});
}

/** What a lookup that is not waited for returns at once: its summary, with the callback URL it was given, if any. */
function startedItem(summary: LookupSummary, withCallbackUrl: boolean): IDataObject {
	const { request_id, status, interaction_type, platform, created_on, callback_url } = summary;
	return { request_id, status, interaction_type, platform, created_on, ...(withCallbackUrl && callback_url ? { callback_url: maskCallbackUrl(callback_url) } : {}) };
}

async function start(this: IExecuteFunctions, itemIndex: number, prepared: PreparedLookup, run: RunContext): Promise<Started> {
	const client = await run.client();
	let body = prepared.body;
	if (prepared.waitMode === 'webhook') {
		const { apiSecret } = await this.getCredentials<{ apiSecret: string }>('nyneApi', itemIndex);
		body = { ...body, callback_url: signedResumeUrl(this, itemIndex, body, apiSecret) };
	}
	const view = await startLookup(client, body, { signal: run.signal });
	if (prepared.waitMode === 'none') return { items: [startedItem(view.summary, true)], requestId: view.summary.request_id };
	if (prepared.waitMode === 'webhook') {
		await this.putExecutionToWait(WAIT_INDEFINITELY);
		return { items: [{ ...startedItem(view.summary, false), waiting_for: 'callback' }] };
	}
	return { requestId: view.summary.request_id };
}

/** Waits for a started lookup; a failed one throws the core's `lookup_failed`, a late one says how to fetch it. */
async function collect(this: IExecuteFunctions, _itemIndex: number, prepared: PreparedLookup, requestId: string, run: RunContext): Promise<IDataObject[]> {
	let view;
	try {
		view = await collectLookup(await run.client(), requestId, { timeoutMs: prepared.timeoutMs, signal: run.signal });
	} catch (error) {
		throw error instanceof NyneApiError && error.code === 'timeout' ? timedOut(requestId, prepared.timeoutMs) : error;
	}
	if (view.failure) throw view.failure;
	return renderLookup(view, prepared.shape);
}

export function lookupOperation(spec: LookupSpec): NyneOperation<PreparedLookup> {
	return {
		description: [socialMediaUrlField(spec.urlPlaceholder, spec.urlHint)],
		prepare(this: IExecuteFunctions, itemIndex: number): PreparedLookup {
			return prepareLookup(this, itemIndex, spec.type);
		},
		start,
		collect,
	};
}
