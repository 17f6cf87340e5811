import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	buildInteractionRequest,
	checkReference,
	DEFAULT_MAX_RESULTS,
	readNumberOption,
	settle,
} from '../../../../shared';
import type { InteractionRequestBody, InteractionType, Settled } from '../../../../shared';
import { checkCallbackReachable } from '../../../common/callbackReach';
import { withSignedReference } from '../../../common/callbackSigning';
import { readLookupShape } from '../../../common/output';
import type { OutputShape } from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import { DEFAULT_CALLBACK_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS } from './lookupFields';
import type { ReuseMode, WaitMode } from './lookupFields';
import { checkCallbackWaitFits, newResumeCallback } from './waitForCallback/callbackWaitItem';

/** One item's lookup, read from its fields and checked, before anything is sent. */
export interface LookupItem {
	/** The request, built and checked once, with its callback URL when it has one. */
	body: InteractionRequestBody;
	/**
	 * What the lookup asks for, the same on every attempt of a node run (Retry On Fail): the body without its
	 * callback URL, which carries a new resume token or a newly signed Reference on each attempt, plus the
	 * Callback URL and Reference as the user gave them.
	 */
	request: string;
	waitMode: WaitMode;
	shape: OutputShape;
	timeoutMs: number;
	/** Max Lookups per Run, when set. */
	maxLookups?: number;
	/** Max Lookups per Hour (for tool calls), when set. */
	maxLookupsPerHour?: number;
	reuse: ReuseMode;
	/** Don't Wait's Reference: signed into the Callback URL, and given back with the started lookup. */
	reference?: string;
	/** Wait for Callback's token for this run, in the resume URL its request carries. */
	resumeToken?: string;
}

function readReuseMode(value: unknown): ReuseMode {
	return value === 'always' || value === 'never' ? value : 'manual';
}

/** Where Nyne is to post the result (`url`), the Callback URL as the user gave it, and a resume URL's token. */
interface CallbackTarget {
	url?: string;
	given?: string;
	resumeToken?: string;
}

/** Where Nyne is to post the result: Don't Wait's Callback URL (with its signed Reference), Wait for Callback's resume URL. */
async function readCallbackUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	waitMode: WaitMode,
	reference: string | undefined,
): Promise<CallbackTarget> {
	if (waitMode === 'webhook') return await newResumeCallback(context, itemIndex);
	if (waitMode !== 'none') return {};
	const callbackUrl = String(context.getNodeParameter('callbackUrl', itemIndex, '') ?? '').trim();
	if (!callbackUrl) return {};
	return {
		url: reference ? withSignedReference(callbackUrl, reference, Date.now()) : callbackUrl,
		given: callbackUrl,
	};
}

/** Reads and checks one item's lookup; bad input throws here, before anything is sent. */
export async function readLookupItem(
	context: IExecuteFunctions,
	itemIndex: number,
	type: InteractionType,
): Promise<LookupItem> {
	const waitMode = context.getNodeParameter('waitMode', itemIndex, 'poll') as WaitMode;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const socialMediaUrl = String(context.getNodeParameter('socialMediaUrl', itemIndex, '') ?? '');
	const maxResults = context.getNodeParameter('maxResults', itemIndex, DEFAULT_MAX_RESULTS) as
		number | string;
	// Read first, the Reference and the callback URL are checked after the URL and Max Results, as the user reads them.
	const reference = await settle(async () =>
		waitMode === 'none'
			? checkReference(context.getNodeParameter('reference', itemIndex, ''))
			: undefined,
	);
	const callback: Settled<CallbackTarget> = reference.ok
		? await settle(async () => await readCallbackUrl(context, itemIndex, waitMode, reference.value))
		: { ok: true, value: {} };
	const body = buildInteractionRequest({
		type,
		socialMediaUrl,
		maxResults,
		...(callback.ok && callback.value.url ? { callbackUrl: callback.value.url } : {}),
	});
	if (!reference.ok) throw reference.error;
	if (waitMode === 'webhook') checkCallbackWaitFits(context, itemIndex);
	if (!callback.ok) throw callback.error;
	const timeoutSeconds =
		readNumberOption(options.timeout, {
			label: 'Timeout (Seconds)',
			code: 'invalid_timeout',
			field: 'timeout',
			min: 1,
		}) ?? (waitMode === 'webhook' ? DEFAULT_CALLBACK_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS);
	const maxLookups = readNumberOption(options.maxLookupsPerRun, {
		label: 'Max Lookups per Run',
		code: 'invalid_max_lookups',
		field: 'maxLookupsPerRun',
		min: 1,
		integer: true,
	});
	const maxLookupsPerHour = readNumberOption(options.maxLookupsPerHour, {
		label: 'Max Lookups per Hour',
		code: 'invalid_max_lookups',
		field: 'maxLookupsPerHour',
		min: 1,
		integer: true,
	});
	// Nyne posts from the internet: a callback to this machine or a private network is refused now.
	if (body.callback_url)
		await checkCallbackReachable(
			context,
			itemIndex,
			body.callback_url,
			waitMode === 'webhook' ? 'resume' : 'callback',
		);
	return {
		body,
		request: JSON.stringify({
			...body,
			callback_url: callback.value.given,
			reference: reference.value,
		}),
		waitMode,
		shape: readLookupShape(options, isCalledAsTool(context)),
		timeoutMs: timeoutSeconds * 1000,
		...(maxLookups === undefined ? {} : { maxLookups }),
		...(maxLookupsPerHour === undefined ? {} : { maxLookupsPerHour }),
		reuse: readReuseMode(options.reuse),
		...(reference.value ? { reference: reference.value } : {}),
		...(callback.value.resumeToken ? { resumeToken: callback.value.resumeToken } : {}),
	};
}
