import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { buildInteractionRequest, DEFAULT_MAX_RESULTS, MAX_RESULTS_LIMIT, NyneApiError } from '../../../../shared';
import type { InteractionRequestBody, LookupOutcome } from '../../../../shared';
import { toNodeError } from '../errors';
import { completedToJson, outputOption, readOutputShape } from '../options';
import type { OutputShape } from '../options';
import type { NyneOperation, OperationResult, RunContext } from '../types';
import { buildLookupBody, CALLBACK_TOKEN_PARAMETER, callbackToken, withQueryParameter } from './lookupBody';
import type { LookupOperation } from './lookupBody';

export const LOOKUP_OPERATIONS: LookupOperation[] = ['getReplies', 'getFollowers', 'getFollowing', 'getFollowersAndFollowing'];
export const DEFAULT_TIMEOUT_SECONDS = 300;

export type WaitMode = 'poll' | 'webhook' | 'none';

export interface LookupSpec {
	operation: LookupOperation;
	option: INodePropertyOptions;
	urlPlaceholder: string;
	urlHint: string;
}

const showFor = (operations: LookupOperation[], extra: IDataObject = {}) => ({
	show: { resource: ['interaction'], operation: operations, ...extra },
});

/** Fields every lookup shares; the URL field comes from each operation (post URL or profile URL). */
export const lookupFields: INodeProperties[] = [
	{
		displayName: 'Max Results',
		name: 'maxResults',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RESULTS_LIMIT },
		default: DEFAULT_MAX_RESULTS,
		description: 'Max number of results to return',
		hint: 'Nyne returns 10 to 1000 people per lookup (it raises smaller values to 10) and charges 3 credits for a lookup that finds data',
		displayOptions: showFor(LOOKUP_OPERATIONS),
	},
	{
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		default: 'poll',
		displayOptions: showFor(LOOKUP_OPERATIONS),
		options: [
			{
				name: "Don't Wait",
				value: 'none',
				description: 'Return the request_id at once; collect the result later with Request > Get, or have Nyne post it to a Callback URL',
			},
			{
				name: 'Wait for Callback',
				value: 'webhook',
				description: 'Pause the execution; it resumes when Nyne posts the result to this execution (no polling). One input item per run.',
			},
			{
				name: 'Wait for Result',
				value: 'poll',
				description: 'Check the lookup with backoff until it completes or the timeout passes; all items are submitted first, then collected',
			},
		],
	},
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/nyne?token=…',
		description: 'Where Nyne should POST the result, for example the Production URL of a Nyne Trigger node with its ?token=… appended',
		displayOptions: showFor(LOOKUP_OPERATIONS, { waitMode: ['none'] }),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(LOOKUP_OPERATIONS, { waitMode: ['poll', 'webhook'] }),
		options: [
			outputOption,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description: 'How long to wait for the lookup before giving up; it keeps running at Nyne, so its request ID can be fetched later',
				displayOptions: { show: { '/waitMode': ['poll'] } },
			},
		],
	},
];

interface PreparedLookup {
	body: InteractionRequestBody;
	waitMode: WaitMode;
	shape: OutputShape;
	timeoutMs: number;
}

export function urlField(spec: LookupSpec): INodeProperties {
	return {
		displayName: 'Social Media URL',
		name: 'socialMediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: spec.urlPlaceholder,
		hint: spec.urlHint,
		displayOptions: showFor([spec.operation]),
	};
}

function lookupFailed(outcome: Extract<LookupOutcome, { status: 'failed' }>): NyneApiError {
	return new NyneApiError('lookup_failed', {
		requestId: outcome.requestId,
		serverMessage: outcome.error,
		message: `The lookup failed: ${outcome.error} (request ${outcome.requestId}). Nyne charges no credits for a lookup that finds no data.`,
	});
}

function timedOut(requestId: string, timeoutMs: number): NyneApiError {
	return new NyneApiError('timeout', {
		requestId,
		message: `The lookup did not finish within ${Math.round(timeoutMs / 1000)} s. It is still running at Nyne as request ${requestId}: fetch it later with Resource "Request" > Operation "Get", or raise Options > Timeout.`,
	});
}

async function waitForPeople(node: INode, itemIndex: number, run: RunContext, requestId: string, prepared: PreparedLookup): Promise<IDataObject[]> {
	const client = await run.client();
	let outcome: LookupOutcome;
	try {
		outcome = await client.waitForResult(requestId, { timeoutMs: prepared.timeoutMs, signal: run.signal });
	} catch (error) {
		const timeout = error instanceof NyneApiError && error.code === 'timeout';
		throw toNodeError(node, timeout ? timedOut(requestId, prepared.timeoutMs) : error, itemIndex);
	}
	if (outcome.status === 'failed') throw lookupFailed(outcome);
	return completedToJson(outcome, prepared.shape);
}

/** n8n 2.x says so itself; 1.x lacks isToolExecution, and an AI Agent 3.1 on 2.8 runs the derived `…Tool` type without it. */
function isCalledAsTool(context: IExecuteFunctions): boolean {
	if (context.getNode().type.endsWith('Tool')) return true;
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}

function resumeUrlFor(context: IExecuteFunctions, itemIndex: number, body: InteractionRequestBody, apiSecret: string): string {
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
	const token = callbackToken(apiSecret, context.getExecutionId(), context.getNode().id, body);
	return withQueryParameter(resumeUrl, CALLBACK_TOKEN_PARAMETER, token);
}

export function lookupOperation(spec: LookupSpec): NyneOperation {
	return {
		description: [urlField(spec)],

		prepare(this: IExecuteFunctions, itemIndex: number): PreparedLookup {
			const waitMode = this.getNodeParameter('waitMode', itemIndex, 'poll') as WaitMode;
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const read = (name: string, fallback: unknown) => this.getNodeParameter(name, itemIndex, fallback);
			let body = buildLookupBody(spec.operation, read);
			if (waitMode === 'none') {
				const callbackUrl = String(this.getNodeParameter('callbackUrl', itemIndex, '') ?? '').trim();
				if (callbackUrl) body = buildInteractionRequest({ type: body.type, socialMediaUrl: body.social_media_url, maxResults: body.max_results, callbackUrl });
			}
			if (waitMode === 'webhook') {
				if (isCalledAsTool(this)) {
					throw new NodeOperationError(this.getNode(), 'An AI agent cannot pause for a callback. Set Wait Mode to "Wait for Result" for this tool.', { itemIndex });
				}
				const count = this.getInputData().length;
				if (count > 1) {
					throw new NodeOperationError(this.getNode(), `"Wait for Callback" resumes an execution once, so it takes one input item; this run has ${count}.`, {
						itemIndex,
						description: 'Use "Wait for Result" (it submits every item first, then collects them), or put a Loop Over Items node with batch size 1 before this node, or use "Don\'t Wait" with a Nyne Trigger.',
					});
				}
			}
			const timeoutSeconds = Number(options.timeout ?? DEFAULT_TIMEOUT_SECONDS);
			return { body, waitMode, shape: readOutputShape(options), timeoutMs: Math.max(1, timeoutSeconds) * 1000 };
		},

		async execute(this: IExecuteFunctions, itemIndex: number, preparedValue: unknown, run: RunContext): Promise<OperationResult> {
			const prepared = preparedValue as PreparedLookup;
			const client = await run.client();
			let body = prepared.body;
			if (prepared.waitMode === 'webhook') {
				const { apiSecret } = await this.getCredentials<{ apiSecret: string }>('nyneApi', itemIndex);
				body = { ...body, callback_url: resumeUrlFor(this, itemIndex, body, apiSecret) };
			}
			const submitted = await client.submit(body, { signal: run.signal });
			const summary: IDataObject = {
				request_id: submitted.requestId,
				status: submitted.status,
				interaction_type: submitted.interactionType ?? body.type,
				platform: submitted.platform ?? null,
				created_on: submitted.createdOn ?? null,
			};
			if (prepared.waitMode === 'none') return [{ ...summary, ...(body.callback_url ? { callback_url: body.callback_url } : {}) }];
			if (prepared.waitMode === 'webhook') {
				await this.putExecutionToWait(WAIT_INDEFINITELY);
				return [{ ...summary, waiting_for: 'callback' }];
			}
			return Object.assign(async () => await waitForPeople(this.getNode(), itemIndex, run, submitted.requestId, prepared), {
				requestId: submitted.requestId,
			});
		},
	};
}
