import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildInteractionRequest, checkReference, readNumberOption } from '../../../../shared';
import type { InteractionRequestBody, InteractionType } from '../../../../shared';
import { withSignedReference } from '../../../common/callbackSigning';
import { buildLookupBody } from '../../../common/lookupBody';
import { readLookupShape } from '../../../common/output';
import type { OutputShape } from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import { DEFAULT_CALLBACK_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS } from './lookupFields';
import type { ReuseMode, WaitMode } from './lookupFields';

export interface PreparedLookup {
	body: InteractionRequestBody;
	/** What the lookup asks for, the same on every attempt of a run (a signed callback URL differs each time). */
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
}

/** "Wait for Callback" pauses the whole execution once: not for an AI agent, and one input item per run. */
function checkCallbackWaitFits(context: IExecuteFunctions, itemIndex: number): void {
	if (isCalledAsTool(context)) {
		throw new NodeOperationError(
			context.getNode(),
			'An AI agent cannot pause for a callback. Set Wait Mode to "Wait for Result" for this tool.',
			{ itemIndex },
		);
	}
	const count = context.getInputData().length;
	if (count > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`"Wait for Callback" resumes an execution once, so it takes one input item; this run has ${count}.`,
			{
				itemIndex,
				description:
					'Use "Wait for Result" (it submits every item first, then collects them), or put a Loop Over Items node ' +
					'with batch size 1 before this node, or use "Don\'t Wait" with a Nyne Trigger.',
			},
		);
	}
}

function readReuseMode(value: unknown): ReuseMode {
	return value === 'always' || value === 'never' ? value : 'manual';
}

/** Reads and checks one item's lookup without any HTTP call; bad input throws here, before anything is sent. */
export function prepareLookup(
	context: IExecuteFunctions,
	itemIndex: number,
	type: InteractionType,
): PreparedLookup {
	const waitMode = context.getNodeParameter('waitMode', itemIndex, 'poll') as WaitMode;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let body = buildLookupBody(type, (name, fallback) =>
		context.getNodeParameter(name, itemIndex, fallback),
	);
	const reference =
		waitMode === 'none'
			? checkReference(context.getNodeParameter('reference', itemIndex, ''))
			: undefined;
	let request = JSON.stringify(body);
	if (waitMode === 'none') {
		const callbackUrl = String(context.getNodeParameter('callbackUrl', itemIndex, '') ?? '').trim();
		request = JSON.stringify({ ...body, callbackUrl, reference });
		if (callbackUrl)
			body = buildInteractionRequest({
				type: body.type,
				socialMediaUrl: body.social_media_url,
				maxResults: body.max_results,
				callbackUrl: reference
					? withSignedReference(callbackUrl, reference, Date.now())
					: callbackUrl,
			});
	}
	if (waitMode === 'webhook') checkCallbackWaitFits(context, itemIndex);
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
	return {
		body,
		request,
		waitMode,
		shape: readLookupShape(options, isCalledAsTool(context)),
		timeoutMs: timeoutSeconds * 1000,
		...(maxLookups === undefined ? {} : { maxLookups }),
		...(maxLookupsPerHour === undefined ? {} : { maxLookupsPerHour }),
		reuse: readReuseMode(options.reuse),
		...(reference ? { reference } : {}),
	};
}
