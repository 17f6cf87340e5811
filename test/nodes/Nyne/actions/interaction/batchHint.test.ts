import { describe, expect, it } from 'vitest';

import { CALLBACK_HINT_MIN_LOOKUPS } from '../../../../../nodes/Nyne/actions/interaction/batchHint';
import { runNyne } from '../../../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../../../helpers/n8nCore/scaledSandbox';

const env = useScaledSandbox(0.001, { resetEach: true });

const rows = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ url: `https://x.com/batch_owner_${i}` }));
const waitForResult = {
	resource: 'interaction',
	operation: 'getFollowers',
	socialMediaUrl: '={{ $json.url }}',
	maxResults: 12,
	waitMode: 'poll',
};

async function hintsOf(count: number): Promise<string[]> {
	const result = await runNyne(env.credentials, rows(count), { parameters: waitForResult });
	expect(result.error).toBeUndefined();
	expect(env.sandbox.control.stats().submissions).toBe(count);
	return (result.run.data.resultData.runData.Nyne[0].hints ?? []).map((hint) => hint.message);
}

describe('the editor points a large Wait for Result batch at the callback path', () => {
	it(`says once, with the run's figures, that ${CALLBACK_HINT_MIN_LOOKUPS} lookups would take half the time`, async () => {
		const hints = (await hintsOf(CALLBACK_HINT_MIN_LOOKUPS)).filter((m) =>
			m.includes("Don't Wait"),
		);
		expect(hints).toEqual([
			"20 lookups waited for here take 40 requests, at least 40 s at Nyne's rate limit. Started with Wait Mode " +
				'"Don\'t Wait", a Nyne Trigger\'s URL as Callback URL and a Reference per item, they take 20 requests, ' +
				"at least 20 s, and the trigger outputs each person with its item's reference.",
		]);
	});

	it('leaves a smaller run alone', async () => {
		const hints = await hintsOf(CALLBACK_HINT_MIN_LOOKUPS - 1);
		expect(hints.filter((m) => m.includes("Don't Wait"))).toEqual([]);
	});
});
