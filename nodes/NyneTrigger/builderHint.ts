import { LOOKUP_COST, NODE_TYPES } from '../common/builderHints';
import type { BuilderHint } from '../common/builderHints';

const RECEIVER_PATTERN = `<patterns>
<pattern title="Receive the people of a lookup started elsewhere">
// Production URL: <n8n base URL>/webhook/<webhookId of this trigger>/nyne. Give Nyne that URL with
// ?token=<the Secret Token below> as the Nyne node's callbackUrl (waitMode 'none'). Calls without the token get 403.
// Output: one item per person (output 'split'), or one item with a people array (output 'single').
const results = trigger({
  type: '${NODE_TYPES.nyneTrigger}',
  version: 1,
  config: {
    name: 'Nyne Results',
    parameters: { token: 'replace-with-a-long-secret', output: 'split' }
  }
});
</pattern>
</patterns>`;

/** What the Nyne Trigger tells an AI builder: it is the receiving half of the callback pattern, nothing more. */
export const NYNE_TRIGGER_BUILDER_HINT: BuilderHint = {
	searchHint:
		"Receives the result of a Nyne lookup (repliers, followers, following) that a Nyne node started with waitMode 'none' " +
		"and callbackUrl = this trigger's production URL + ?token=<Secret Token, 16+ characters>. Costs nothing itself " +
		`(the lookup that posts here cost ${LOOKUP_COST}). Use it for many or long lookups without waiting; to wait in the same ` +
		"execution use the Nyne node's waitMode 'webhook' instead, and to watch a profile for new followers use the Nyne Follower Trigger.",
	relatedNodes: [
		{
			nodeType: NODE_TYPES.nyne,
			relationHint:
				"Starts the lookup: waitMode 'none', callbackUrl = this trigger's production URL + ?token=<its Secret Token>",
		},
		{
			nodeType: 'n8n-nodes-base.googleSheets',
			relationHint: 'Store the people that arrive as rows',
		},
	],
	extraTypeDefContent: [{ content: RECEIVER_PATTERN }],
};
