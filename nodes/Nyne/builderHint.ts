import { DEFAULT_TOOL_LOOKUPS_PER_HOUR } from '../../shared';

import {
	LOOKUP_COST,
	NODE_TYPES,
	WAIT_MODE_ADVICE,
	WATCH_ADVICE,
	WHAT_X_CANNOT,
} from '../common/builderHints';
import type { BuilderHint } from '../common/builderHints';
import { DEFAULT_TOOL_BUDGET } from './actions/interaction/lookupFields';

const PEOPLE_FIELDS =
	'one item per person: username, display_name, profile_url, bio, followers_count, following_count, verified, ' +
	'platform, interaction_type, target_username, request_id';

/** A lookup in the SDK: the Nyne node with these parameters and the Nyne credential. */
const lookupNode = (
	variable: string,
	name: string,
	parameters: string,
) => `const ${variable} = node({
  type: '${NODE_TYPES.nyne}',
  version: 1,
  config: {
    name: '${name}',
    parameters: {
${parameters}
    },
    credentials: { nyneApi: newCredential('Nyne account') }
  }
});`;

const MANUAL_TRIGGER = `const start = trigger({
  type: 'n8n-nodes-base.manualTrigger',
  version: 1,
  config: { name: 'Start' }
});`;

/** A one-off lookup whose people go on to the next node: the shape of every Interaction operation. */
function lookupPattern(operation: string, title: string, url: string, note: string): string {
	return `<patterns>
<pattern title="${title}">
// ${note}
// Output: ${PEOPLE_FIELDS}.
${MANUAL_TRIGGER}

${lookupNode(
	'lookup',
	title,
	`      resource: 'interaction',
      operation: '${operation}',
      socialMediaUrl: '${url}',
      maxResults: 200,
      waitMode: 'poll'`,
)}

const keep = node({
  type: 'n8n-nodes-base.set',
  version: 3.4,
  config: {
    name: 'Keep Fields',
    parameters: {
      mode: 'manual',
      assignments: {
        assignments: [
          { id: 'a1', name: 'username', value: expr('{{ $json.username }}'), type: 'string' },
          { id: 'a2', name: 'profile_url', value: expr('{{ $json.profile_url }}'), type: 'string' }
        ]
      }
    }
  }
});

export default workflow('nyne-${operation}', '${title}').add(start).to(lookup).to(keep);
</pattern>
</patterns>`;
}

/** What the callback pattern leaves for the builder (or the user) to fill in once n8n has saved the trigger. */
export const CALLBACK_URL_PLACEHOLDER =
	'Production URL of the Nyne Results trigger, ending /nyne, plus ?token=replace-with-a-long-secret';

const CALLBACK_PATTERN = `<patterns>
<pattern title="Start a lookup without waiting; a Nyne Trigger receives the people (callback pattern)">
// Two entry points in one workflow. The Nyne node sends the lookup with waitMode 'none' and ends at once
// (output: request_id, status). Nyne later POSTs the result to callbackUrl: the production URL of the Nyne Trigger
// (<n8n base URL>/webhook/<webhookId of the trigger>/nyne) with ?token=<Secret Token of the trigger> appended.
// n8n gives the trigger its webhookId when the workflow is saved: read it afterwards (get_workflow_details) and put
// the full URL into callbackUrl, then publish the workflow so the trigger listens.
// The trigger's branch then gets one item per person. ${LOOKUP_COST}.
${MANUAL_TRIGGER}

${lookupNode(
	'startLookup',
	'Start Lookup',
	`      resource: 'interaction',
      operation: 'getReplies',
      socialMediaUrl: 'https://x.com/nyne_ai/status/1234567890',
      maxResults: 500,
      waitMode: 'none',
      callbackUrl: placeholder('${CALLBACK_URL_PLACEHOLDER}')`,
)}

const results = trigger({
  type: '${NODE_TYPES.nyneTrigger}',
  version: 1,
  config: {
    name: 'Nyne Results',
    parameters: { token: 'replace-with-a-long-secret', output: 'split' }
  }
});

const keep = node({
  type: 'n8n-nodes-base.noOp',
  version: 1,
  config: { name: 'Handle Repliers' }
});

export default workflow('nyne-callback', 'Repliers via callback')
  .add(start).to(startLookup)
  .add(results).to(keep);
</pattern>
<pattern title="Wait in the same execution without polling">
// waitMode 'webhook' pauses this execution until Nyne posts the result to it, then continues with one item
// per person: no second workflow and no Nyne Trigger needed. Use it for long lookups (large maxResults).
</pattern>
</patterns>`;

const TOOL_PATTERN = `<patterns>
<pattern title="Nyne as an AI Agent tool">
// The agent fills the URL; operation fixes what the tool looks up (one tool per operation you want to offer).
const nyneTool = tool({
  type: '${NODE_TYPES.nyneTool}',
  version: 1,
  config: {
    name: 'Twitter Followers',
    parameters: {
      resource: 'interaction',
      operation: 'getFollowers',
      socialMediaUrl: fromAi('socialMediaUrl', 'Full profile URL, e.g. https://x.com/nyne_ai'),
      maxResults: 50
    },
    credentials: { nyneApi: newCredential('Nyne account') }
  }
});
// Attach with subnodes: { model, tools: [nyneTool] } on an '@n8n/n8n-nodes-langchain.agent' node.
</pattern>
</patterns>`;

const interactionShow = (operation: string) => ({
	show: { resource: ['interaction'], operation: [operation] },
});

/** What the Nyne node tells an AI builder: when to pick it, what it costs, which mode, and SDK code per operation. */
export const NYNE_BUILDER_HINT: BuilderHint = {
	searchHint:
		`Nyne lists people on X (Twitter) and Instagram, ${WHAT_X_CANNOT}. Operations: getReplies (who replied to a tweet), ` +
		`getFollowers, getFollowing, getFollowersAndFollowing (both in one lookup). ${LOOKUP_COST}, whatever maxResults ` +
		`(10 to 1000 people). ${WAIT_MODE_ADVICE}. For a one-off list use this node; ${WATCH_ADVICE}. As an AI Agent tool ` +
		'use the Nyne Tool. Reading a request or credits left (resources request, account) is free.',
	relatedNodes: [
		{
			nodeType: NODE_TYPES.nyneTrigger,
			relationHint:
				"Callback pattern: waitMode 'none' with callbackUrl = this trigger's production URL + ?token=<its Secret Token>; the trigger's workflow gets the people when the lookup completes",
		},
		{
			nodeType: NODE_TYPES.nyneFollowerTrigger,
			relationHint:
				'Watch pattern: new followers, unfollowers and new following of a profile over time, instead of one-off lookups',
		},
		{
			nodeType: 'n8n-nodes-base.googleSheets',
			relationHint: 'Store the people (one item per person) as rows',
		},
		{
			nodeType: 'n8n-nodes-base.scheduleTrigger',
			relationHint: `Repeat a lookup on a schedule; every run pays ${LOOKUP_COST}`,
		},
	],
	extraTypeDefContent: [
		{
			displayOptions: interactionShow('getReplies'),
			content: lookupPattern(
				'getReplies',
				'Repliers of a post',
				'https://x.com/nyne_ai/status/1234567890',
				'Who replied to a tweet (X/Twitter posts only); each item also has reply_text, reply_date, likes_count.',
			),
		},
		{
			displayOptions: interactionShow('getFollowers'),
			content: lookupPattern(
				'getFollowers',
				'Followers of a profile',
				'https://x.com/nyne_ai',
				'Who follows an X/Twitter or Instagram profile (instagram.com/<handle>/ works the same way).',
			),
		},
		{
			displayOptions: interactionShow('getFollowing'),
			content: lookupPattern(
				'getFollowing',
				'Following of a profile',
				'https://www.instagram.com/nyne_ai/',
				'Whom an X/Twitter or Instagram profile follows.',
			),
		},
		{
			displayOptions: interactionShow('getFollowersAndFollowing'),
			content: lookupPattern(
				'getFollowersAndFollowing',
				'Followers and following of a profile',
				'https://x.com/nyne_ai',
				"Both lists for one price; each item has relation 'follower' or 'following' (filter on it with an If node).",
			),
		},
		// once, in the node's own notes (not repeated under each operation)
		{ content: CALLBACK_PATTERN },
	],
};

/** The derived Nyne Tool's hint: the same lookups, chosen and filled by an AI Agent, within a budget. */
export const NYNE_TOOL_BUILDER_HINT: BuilderHint = {
	searchHint:
		`Gives an AI Agent Nyne lookups on X (Twitter) and Instagram: ${WHAT_X_CANNOT}. Set resource 'interaction' and ` +
		'one operation (getReplies, getFollowers, getFollowing, getFollowersAndFollowing); let the model fill socialMediaUrl ' +
		`with fromAi(). ${LOOKUP_COST}; an agent run stops after ${DEFAULT_TOOL_BUDGET} lookups unless options.maxLookupsPerRun ` +
		`says otherwise, and every call (AI Agent or MCP Server Trigger) counts against options.maxLookupsPerHour ` +
		`(${DEFAULT_TOOL_LOOKUPS_PER_HOUR} a rolling hour by default); an identical call within 15 minutes is read again for 0 credits. ` +
		'The tool answers with the people in a compact form the model can read.',
	relatedNodes: [
		{
			nodeType: '@n8n/n8n-nodes-langchain.agent',
			relationHint: 'Attach this tool to the agent (subnodes.tools)',
		},
	],
	extraTypeDefContent: [{ content: TOOL_PATTERN }],
};
