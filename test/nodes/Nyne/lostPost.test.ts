import { expect, it } from 'vitest';

import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

const env = useScaledSandbox(0.001, { resetEach: true });

const lookup = (continueOnFail: boolean) => ({
	parameters: {
		resource: 'interaction',
		operation: 'getFollowers',
		socialMediaUrl: 'https://x.com/alice',
		maxResults: 12,
		waitMode: 'none',
	},
	continueOnFail,
});

/** The core's words for a POST whose answer was lost: the lookup may exist, so do not just run it again. */
const MAY_EXIST = /Nyne may have accepted the lookup.*check your recent Nyne usage/;
/** What n8n's NodeApiError puts instead of any message that mentions ECONNRESET and similar codes. */
const N8N_RETRY_ADVICE = /retry the request immediately/i;

it('a dropped POST fails the node with "check usage before you run it again", not n8n’s "retry immediately"', async () => {
	env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
	const result = await runNyne(env.credentials, [{}], lookup(false));
	const error = result.error as {
		message?: string;
		description?: string;
		context?: { code?: string };
	};
	expect(error.context?.code).toBe('submission_unknown');
	expect(error.message).toMatch(MAY_EXIST);
	expect(`${error.message} ${error.description ?? ''}`).not.toMatch(N8N_RETRY_ADVICE);
});

it('with Continue On Fail, the item of a dropped POST carries the same words', async () => {
	env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
	const result = await runNyne(env.credentials, [{}], lookup(true));
	expect(result.error).toBeUndefined();
	const item = result.output?.[0]?.json as { error?: string; code?: string };
	expect(item.code).toBe('submission_unknown');
	expect(item.error).toMatch(MAY_EXIST);
	expect(item.error).not.toMatch(N8N_RETRY_ADVICE);
});
