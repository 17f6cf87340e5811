import { describe, expect, it } from 'vitest';

import type { LookupOutput } from '../../../zapier/src/lookupOutput';
import {
	App,
	appTester,
	authFor,
	expectNoSecrets,
	performOf,
	useSandbox,
} from '../../helpers/zapier/harness';

const search = performOf(App.searches.find_interaction_request.operation.perform);
const start = performOf(App.creates.start_interaction_lookup.operation.perform);
type Output = LookupOutput;

describe('search find_interaction_request', () => {
	const env = useSandbox();

	async function startLookup(socialMediaUrl: string): Promise<string> {
		const started = (await appTester(start, {
			authData: authFor(env.sandbox.url),
			inputData: { type: 'followers', social_media_url: socialMediaUrl, max_results: 25 },
		})) as { request_id: string };
		return started.request_id;
	}

	it('reports a running lookup, then its people once completed', async () => {
		env.sandbox.control.setJobDurationMs(3_600_000_000);
		const slowId = await startLookup('https://x.com/slow_target');
		const [running] = (await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: slowId },
		})) as Output[];
		expect(running).toMatchObject({ request_id: slowId, count: 0, interactions: [] });
		expect(['queued', 'processing', 'pending']).toContain(running?.status);

		env.sandbox.control.setJobDurationMs(0);
		const doneId = await startLookup('https://x.com/quick_target');
		await new Promise((resolve) => setTimeout(resolve, 200));
		const [done] = (await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: doneId },
		})) as Output[];
		expect(done).toMatchObject({
			request_id: doneId,
			status: 'completed',
			count: 25,
			total_count: 25,
			truncated: false,
		});
		expect(done?.interactions[0]).toMatchObject({
			request_id: doneId,
			target_username: 'quick_target',
			relation: 'follower',
		});
		expectNoSecrets(done);
	});

	it('reports a failed lookup with its reason', async () => {
		env.sandbox.control.setJobDurationMs(0);
		const id = await startLookup('https://x.com/nodata_user');
		await new Promise((resolve) => setTimeout(resolve, 200));
		const [failed] = (await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: id },
		})) as Output[];
		expect(failed).toMatchObject({
			status: 'failed',
			error: 'No interaction data found',
			count: 0,
		});
	});

	it('asks again when Nyne answers 404 for a moment right after the start', async () => {
		const id = await startLookup('https://x.com/just_started');
		env.sandbox.control.injectFault({ kind: 'early_404', method: 'GET', times: 1 });
		const [found] = (await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: id },
		})) as Output[];
		expect(found).toMatchObject({ request_id: id });
	});

	it('finds nothing for an unknown request id', async () => {
		const results = await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: 'interaction_unknown_1' },
		});
		expect(results).toEqual([]);
	});
});
