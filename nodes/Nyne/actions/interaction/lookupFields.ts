import type { INodeProperties } from 'n8n-workflow';

import {
	CREDITS_PER_LOOKUP,
	DEFAULT_TOOL_LOOKUPS_PER_HOUR,
	MAX_RESULTS_LIMIT,
} from '../../../../shared';
import { MAX_RESULTS_HINT, WAIT_MODE_ADVICE } from '../../../common/builderHints';
import type { HintedProperty } from '../../../common/builderHints';
import { maxResultsField, MIN_RESULTS } from '../../../common/fields';
import { outputOption, simplifyOption } from '../../../common/output';

export const DEFAULT_TIMEOUT_SECONDS = 300;
/** Wait for Callback waits this long for Nyne's post, then the execution goes on with a notice naming the request. */
export const DEFAULT_CALLBACK_TIMEOUT_SECONDS = 3600;

export type WaitMode = 'poll' | 'webhook' | 'none';
export type ReuseMode = 'manual' | 'always' | 'never';

/** An AI agent's lookups per execution when Max Lookups per Run is not set: a looping agent stops here. */
export const DEFAULT_TOOL_BUDGET = 5;

const maxLookupsOption: INodeProperties = {
	displayName: 'Max Lookups per Run',
	name: 'maxLookupsPerRun',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 10,
	description:
		`The most lookups this node starts in one run (${CREDITS_PER_LOOKUP} credits each); items beyond it are not sent and fail with code budget_exceeded. ` +
		`Called by an AI agent, it counts every call in the execution (${DEFAULT_TOOL_BUDGET} when not set).`,
};

const maxLookupsPerHourOption: INodeProperties = {
	displayName: 'Max Lookups per Hour',
	name: 'maxLookupsPerHour',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TOOL_LOOKUPS_PER_HOUR,
	description:
		`For AI agents and MCP clients calling this node as a tool: the most lookups it starts in any hour, across executions ` +
		`(${DEFAULT_TOOL_LOOKUPS_PER_HOUR} × ${CREDITS_PER_LOOKUP} credits by default). A call beyond it is not sent, and the model is told when the cap frees up. ` +
		'Counted per n8n process: each queue-mode worker counts its own.',
	displayOptions: { show: { '/waitMode': ['poll'] } },
};

const reuseOption: INodeProperties = {
	displayName: 'Reuse Paid Lookups',
	name: 'reuse',
	type: 'options',
	default: 'manual',
	options: [
		{
			name: 'Always',
			value: 'always',
			description:
				'Production runs too: an identical lookup (same credential, type, URL, Max Results) completed in the last 15 minutes is read for free',
		},
		{
			name: 'In Editor Runs and Tool Calls',
			value: 'manual',
			description:
				'When you run the node in the editor, or an AI agent or MCP client calls it as a tool, an identical lookup completed in the last 15 minutes is read again for free',
		},
		{ name: 'Never', value: 'never', description: 'Every run pays for a new lookup' },
	],
	description:
		'Whether a lookup already paid for is read again (credits 0, reused_from names its request) instead of paying again',
	displayOptions: { show: { '/waitMode': ['poll'] } },
};

/** Fields every lookup shares (the resource shows them for its lookup operations); the URL field comes from each operation. */
export const lookupFields: HintedProperty[] = [
	maxResultsField(
		`From ${MIN_RESULTS} to ${MAX_RESULTS_LIMIT}; below ${MIN_RESULTS} counts as ${MIN_RESULTS}. A lookup that finds data costs ${CREDITS_PER_LOOKUP} credits, whatever this number`,
		MAX_RESULTS_HINT,
	),
	{
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		default: 'poll',
		hint:
			'Wait for Result checks Nyne until the people are there; Wait for Callback pauses the execution until Nyne ' +
			"posts them; Don't Wait returns the request ID at once",
		builderHint: { propertyHint: `${WAIT_MODE_ADVICE}.` },
		options: [
			{
				name: "Don't Wait",
				value: 'none',
				description:
					'Return the request_id at once; Nyne posts the result to a Callback URL (a Nyne Trigger, with a Reference per item: ' +
					'one request per lookup, the fastest way for dozens of items or more), or collect it later with Request > Get',
			},
			{
				name: 'Wait for Callback',
				value: 'webhook',
				description:
					'Pause the execution; it resumes when Nyne posts the result to this execution (no polling). One input item per run.',
			},
			{
				name: 'Wait for Result',
				value: 'poll',
				description:
					'Check the lookup with backoff until it completes or the timeout passes; all items are submitted first, then collected',
			},
		],
	},
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/nyne?token=…',
		description:
			'Where Nyne should POST the result, for example the Production URL of a Nyne Trigger node with its ?token=… appended',
		builderHint: {
			propertyHint:
				"Optional. A Nyne Trigger's production URL with ?token=<its Secret Token> appended " +
				"(https://<n8n host>/webhook/<trigger's webhookId>/nyne?token=...), reachable from the internet; " +
				"empty means read the result later with resource 'request', operation 'get'.",
		},
		displayOptions: { show: { waitMode: ['none'] } },
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.row_number }}',
		description:
			'A value of this item, such as a row ID or the input URL, that the Nyne Trigger outputs as "reference" with each ' +
			'person of this lookup, so the results can be written back where they belong. Needs the Callback URL of a Nyne ' +
			'Trigger with ?token=…: the token is replaced by a signature of the reference, so Nyne never sees it and nobody can forge one.',
		displayOptions: { show: { waitMode: ['none'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { waitMode: ['poll', 'webhook'] } },
		options: [
			maxLookupsPerHourOption,
			maxLookupsOption,
			outputOption,
			reuseOption,
			simplifyOption,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description:
					'How long to wait for the lookup before giving up; it keeps running at Nyne, so its request ID can be fetched later',
				displayOptions: { show: { '/waitMode': ['poll'] } },
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_CALLBACK_TIMEOUT_SECONDS,
				description:
					'How long to wait for Nyne to post the result; then the execution goes on with one ' +
					'item (code callback_timeout) naming the request ID to fetch later',
				displayOptions: { show: { '/waitMode': ['webhook'] } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { waitMode: ['none'] } },
		options: [maxLookupsOption],
	},
];
