import { describe, expect, it } from 'vitest';

import { InFlightLookups, NyneApiError, followLead } from '../../shared';
import type { LookupView } from '../../shared';

const view = (requestId: string): LookupView => ({
	summary: { request_id: requestId, status: 'completed', credits: 3 } as LookupView['summary'],
	people: [],
	dropped: 0,
});

describe('InFlightLookups: identical lookups in flight', () => {
	it('the first claim leads; a second identical one follows and reads the result for 0 credits', async () => {
		const inFlight = new InFlightLookups();
		const first = inFlight.claim('k');
		const second = inFlight.claim('k');
		expect('lead' in first).toBe(true);
		expect('follow' in second).toBe(true);
		if (!('lead' in first) || !('follow' in second)) return;
		first.lead.complete(view('interaction_1'));
		const read = await followLead(second.follow);
		expect(read.summary).toMatchObject({ credits: 0, reused_from: 'interaction_1' });
		// the key is free again: the next identical claim leads (a completed lookup is the reuse store's)
		expect('lead' in inFlight.claim('k')).toBe(true);
	});

	it('different keys never wait on each other', () => {
		const inFlight = new InFlightLookups();
		expect('lead' in inFlight.claim('a')).toBe(true);
		expect('lead' in inFlight.claim('b')).toBe(true);
	});

	it("a follower gets the leader's failure; a leader's cancel reaches it as a failure, not as its own cancel", async () => {
		const inFlight = new InFlightLookups();
		const failed = inFlight.claim('f');
		const follower = inFlight.claim('f');
		if (!('lead' in failed) || !('follow' in follower)) throw new Error('claims');
		failed.lead.fail(new NyneApiError('timeout', { requestId: 'interaction_2' }));
		await expect(followLead(follower.follow)).rejects.toMatchObject({ code: 'timeout' });

		const cancelled = inFlight.claim('c');
		const waiting = inFlight.claim('c');
		if (!('lead' in cancelled) || !('follow' in waiting)) throw new Error('claims');
		cancelled.lead.fail(new NyneApiError('aborted'));
		await expect(followLead(waiting.follow)).rejects.toMatchObject({
			code: 'lookup_failed',
			message: expect.stringMatching(/cancelled with that run.*Run this again/),
		});
	});

	it('a lead abandoned by its run fails its followers in words; settling twice changes nothing', async () => {
		const inFlight = new InFlightLookups();
		const lead = inFlight.claim('x');
		const follower = inFlight.claim('x');
		if (!('lead' in lead) || !('follow' in follower)) throw new Error('claims');
		lead.lead.abandon();
		lead.lead.complete(view('interaction_3'));
		await expect(followLead(follower.follow)).rejects.toMatchObject({
			code: 'lookup_failed',
			message: expect.stringMatching(/did not finish there.*Run this again/),
		});
		// a later claim of the key is a new lead, not a follower of the abandoned one
		const again = inFlight.claim('x');
		expect('lead' in again).toBe(true);
		// the first lead's late settle does not touch the new one
		lead.lead.fail(new Error('late'));
		const next = inFlight.claim('x');
		expect('follow' in next).toBe(true);
	});
});
