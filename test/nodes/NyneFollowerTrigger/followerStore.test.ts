// n8n hands a poller its static data as ObservableObject proxies, nested objects included, once it has
// loaded them from its database (after a restart): structuredClone refuses those ("could not be cloned"),
// which stopped the trigger's activation in a real n8n. The store copies them as JSON.
import { ObservableObject, type IDataObject } from 'n8n-workflow';
import { expect, it } from 'vitest';

import { emptyRecord } from '../../../shared/watch/watchRecord';
import { buildInteractionRequest, pollWatch, HOUR_MS, NyneClient } from '../../../shared';
import { staticDataStore } from '../../../nodes/NyneFollowerTrigger/followerStore';
import { ModelProfile } from '../../helpers/watch/modelProfile';
import { VirtualNyne } from '../../helpers/watch/virtualNyne';

it('a poll reads and writes static data that n8n hands over as proxies', async () => {
	const time = 1_800_000_000_000;
	const nyne = new VirtualNyne(new ModelProfile(5, 0, time), () => time, 100);
	const target = {
		trigger: 'newFollower',
		mode: 'new' as const,
		body: buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: 'https://x.com/acme',
			maxResults: 100,
		}),
		intervalMs: HOUR_MS,
	};
	const saved = {
		...emptyRecord('["newFollower","https://x.com/acme",100]'),
		observed: { nested: { deeper: [1, 2] } },
		lastStartedAt: time - 2 * HOUR_MS,
	};
	const workflowStaticData = ObservableObject.create({
		'node:Nyne Follower Trigger': JSON.parse(JSON.stringify(saved)) as IDataObject,
	});
	const staticData = workflowStaticData['node:Nyne Follower Trigger'] as IDataObject;
	expect(() => structuredClone(staticData)).toThrow(/could not be cloned/);
	const client = new NyneClient({
		signRequests: true,
		apiKey: 'k',
		apiSecret: 's',
		baseUrl: 'http://127.0.0.1:9',
		transport: nyne.transport,
		sleep: async () => {},
		now: () => time,
		limiter: false,
	});
	const outcome = await pollWatch(
		{ client, now: () => time, store: staticDataStore(staticData) },
		target,
	);
	expect(outcome.started).toBe(true);
	expect((staticData.pending as { requestId: string }).requestId).toBe(nyne.jobs[0].requestId);
	expect(workflowStaticData.__dataChanged).toBe(true);
});
