import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectLookup, maskCallbackUrl, NyneApiError, startLookup } from '../../../../shared';
import type { InteractionType, LookupSummary } from '../../../../shared';
import type { HintedOption } from '../../../common/builderHints';
import { checkCallbackReachable } from '../../../common/callbackReach';
import { socialMediaUrlField } from '../../../common/fields';
import { renderLookup } from '../../../common/output';
import { submitOnce } from '../../../common/transport';
import type { NyneOperation, RunContext, Settled, Started } from '../types';
import { hintCallbackPath } from './batchHint';
import { prepareLookup } from './prepareLookup';
import type { PreparedLookup } from './prepareLookup';
import { rememberIfPaid, settleLookups } from './spending';
import {
	newResumeToken,
	rememberWait,
	resumeUrlOf,
	waitIdOf,
	withResumeToken,
} from './resumeToken';

/**
 * What one lookup operation is: its option in the Operation list (with a note to AI builders), the core's
 * interaction type, and its URL field (with the URL forms an AI builder may fill in).
 */
export interface LookupSpec {
	operation: string;
	type: InteractionType;
	option: HintedOption;
	urlPlaceholder: string;
	urlHint: string;
	urlBuilderHint: string;
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
function startedItem(
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

async function waitForCallback(
	context: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedLookup,
	run: RunContext,
): Promise<Started> {
	const { token, view } = await submitOnce(
		context,
		itemIndex,
		prepared.request,
		async () => {
			const { apiSecret } = await context.getCredentials<{ apiSecret: string }>('nyneApi');
			const token = newResumeToken(apiSecret, context.getExecutionId(), context.getNode().id);
			rememberWait(context, itemIndex, { token });
			const body = {
				...prepared.body,
				callback_url: withResumeToken(resumeUrlOf(context, itemIndex), token),
			};
			return {
				token,
				view: await startLookup(await run.client(), body, {
					signal: run.signal,
					timeoutMs: prepared.timeoutMs,
				}),
			};
		},
	);
	const requestId = view.summary.request_id;
	rememberWait(context, itemIndex, { token, requestId });
	await context.putExecutionToWait(new Date(Date.now() + prepared.timeoutMs));
	const waiting = context.getExecuteData();
	waiting.data.main = [
		[
			{
				json: noCallbackNotice(requestId, prepared.timeoutMs, token),
				pairedItem: { item: itemIndex },
			},
		],
	];
	return { items: [{ ...startedItem(view.summary, false), waiting_for: 'callback' }], requestId };
}

async function start(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedLookup,
	run: RunContext,
): Promise<Started> {
	if (prepared.waitMode === 'webhook') return await waitForCallback(this, itemIndex, prepared, run);
	const view = await submitOnce(
		this,
		itemIndex,
		prepared.request,
		async () =>
			await startLookup(await run.client(), prepared.body, {
				signal: run.signal,
				timeoutMs: prepared.timeoutMs,
			}),
	);
	if (prepared.waitMode === 'none')
		return {
			items: [startedItem(view.summary, true, prepared.reference)],
			requestId: view.summary.request_id,
		};
	return { requestId: view.summary.request_id };
}

/** Nyne posts from the internet: a callback to this machine or a private network is refused before anything is sent. */
async function checkReachable(
	context: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedLookup,
): Promise<void> {
	if (prepared.waitMode === 'webhook')
		await checkCallbackReachable(context, itemIndex, resumeUrlOf(context, itemIndex), 'resume');
	else if (prepared.body.callback_url)
		await checkCallbackReachable(context, itemIndex, prepared.body.callback_url, 'callback');
}

/** Waits for a started lookup; a failed one throws the core's `lookup_failed`, a late one says how to fetch it. */
async function collect(
	this: IExecuteFunctions,
	_itemIndex: number,
	prepared: PreparedLookup,
	requestId: string,
	run: RunContext,
): Promise<IDataObject[]> {
	let view;
	try {
		view = await collectLookup(await run.client(), requestId, {
			timeoutMs: prepared.timeoutMs,
			signal: run.signal,
		});
	} catch (error) {
		throw error instanceof NyneApiError && error.code === 'timeout'
			? timedOut(requestId, prepared.timeoutMs)
			: error;
	}
	if (view.failure) throw view.failure;
	await rememberIfPaid(this, prepared, view, await run.client());
	return renderLookup(view, prepared.shape);
}

export function lookupOperation(spec: LookupSpec): NyneOperation<PreparedLookup> {
	return {
		description: [socialMediaUrlField(spec.urlPlaceholder, spec.urlHint, spec.urlBuilderHint)],
		async prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedLookup> {
			const prepared = prepareLookup(this, itemIndex, spec.type);
			await checkReachable(this, itemIndex, prepared);
			return prepared;
		},
		async settle(
			this: IExecuteFunctions,
			prepared: Map<number, PreparedLookup>,
			run: RunContext,
		): Promise<Map<number, Settled>> {
			const settled = await settleLookups.call(this, prepared, run);
			hintCallbackPath(this, prepared, settled);
			return settled;
		},
		start,
		collect,
	};
}
