import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	UsableAsToolDescription,
} from 'n8n-workflow';

import {
	CREDITS_PER_LOOKUP,
	DEFAULT_CHECK_EVERY_HOURS,
	DEFAULT_MAX_RESULTS,
	MAX_RESULTS_LIMIT,
} from '../../shared';
import { MIN_RESULTS } from './fields';

/**
 * What n8n's AI workflow builder and its instance MCP server (`search_nodes`, `get_node_types`) read from a node
 * description, as n8n 2.x declares it in n8n-workflow; n8n-workflow 2.8 has no such field, and n8n before the builder
 * ignores it. `searchHint` is printed with the node's search result, `relatedNodes` are offered beside it, and each
 * `extraTypeDefContent` lands in the node's generated type definition (for the resource/operation its
 * displayOptions name).
 */
export interface BuilderHint {
	searchHint?: string;
	relatedNodes?: Array<{ nodeType: string; relationHint: string }>;
	extraTypeDefContent?: Array<{ content: string; displayOptions?: IDisplayOptions }>;
}

/** A parameter's (or an operation option's) note to the builder, printed beside it. */
export interface PropertyBuilderHint {
	propertyHint: string;
}

export type HintedProperty = INodeProperties & { builderHint?: PropertyBuilderHint };
export type HintedOption = INodePropertyOptions & { builderHint?: PropertyBuilderHint };
export type HintedNodeDescription = INodeTypeDescription & { builderHint?: BuilderHint };

/** The `usableAsTool` that gives the derived `<Node> Tool` a builder hint of its own (n8n spreads `replacements` over it). */
export function usableAsToolWith(builderHint: BuilderHint): UsableAsToolDescription {
	// n8n-workflow 2.8 does not list builderHint among the replacements; n8n 2.x spreads whatever is there.
	return { replacements: { builderHint } as UsableAsToolDescription['replacements'] };
}

/** The node types as n8n names them once the package is installed (the Tool is derived by n8n from usableAsTool). */
export const NODE_TYPES = {
	nyne: 'n8n-nodes-nyne.nyne',
	nyneTool: 'n8n-nodes-nyne.nyneTool',
	nyneTrigger: 'n8n-nodes-nyne.nyneTrigger',
	nyneFollowerTrigger: 'n8n-nodes-nyne.nyneFollowerTrigger',
} as const;

/** The sentence every hint uses for the price, from the one constant. */
export const LOOKUP_COST = `${CREDITS_PER_LOOKUP} credits per lookup`;

/** Why a builder should pick Nyne over the X (Twitter) or Instagram node. */
export const WHAT_X_CANNOT =
	'lists the X (Twitter) and Instagram nodes cannot give: the repliers of a post and the followers/following of a profile';

/** Which Wait Mode to pick, in the builder's terms (the values, not the labels). */
export const WAIT_MODE_ADVICE =
	"waitMode 'poll' (Wait for Result, the default) returns the people in the same execution, one item per person; " +
	"'webhook' (Wait for Callback) pauses the execution until Nyne posts the result, no polling; " +
	"'none' (Don't Wait) returns the request_id at once: give it a callbackUrl pointing at a Nyne Trigger " +
	"(production URL + ?token=<its Secret Token>), or read it later with resource 'request', operation 'get'";

/** The follower watch, as every hint names it. */
export const WATCH_ADVICE =
	`to watch a profile over time (new followers, unfollowers, new following) use the Nyne Follower Trigger: one lookup ` +
	`per Check Every (Hours), ${DEFAULT_CHECK_EVERY_HOURS} by default (${LOOKUP_COST}), polls in between are free`;

export const POST_URL_HINT =
	'The full URL of a post (tweet) on x.com or twitter.com, e.g. https://x.com/nyne_ai/status/1234567890 ' +
	'(mobile., www., /photo/1 tails and query strings are fine). Not a profile URL; a bare @handle is refused. ' +
	"From an earlier node use an expression, e.g. expr('{{ $json.tweetUrl }}').";

export const PROFILE_URL_HINT =
	'The full URL of a profile: https://x.com/<handle>, https://twitter.com/<handle> or https://www.instagram.com/<handle>/. ' +
	'Not a post URL; a bare @handle is refused (it could be either platform). ' +
	"From an earlier node use an expression, e.g. expr('{{ $json.profileUrl }}').";

export const MAX_RESULTS_HINT =
	`A number from ${MIN_RESULTS} to ${MAX_RESULTS_LIMIT} (below ${MIN_RESULTS} counts as ${MIN_RESULTS}; ${DEFAULT_MAX_RESULTS} when unset). ` +
	`It does not change the price: ${LOOKUP_COST}, so ask for as many people as the workflow needs.`;

export const WATCH_MAX_RESULTS_HINT =
	`${MAX_RESULTS_HINT} Set it above the profile's follower (or following) count: lost followers and unfollows are ` +
	'only detected from complete lists.';
