import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { collectLookup, followLead, NyneApiError, settle } from '../../../../shared';
import type { Lead, LookupView, Settled } from '../../../../shared';
import { renderLookup } from '../../../common/output';
import { ItemOutput } from '../itemOutput';
import { createRunContext } from '../runContext';
import type { RunContext } from '../runContext';
import type { Started } from '../types';
import { hintCallbackPath } from './batchHint';
import { decideBeforeSending } from './decideBeforeSending';
import type { LookupItem } from './readLookupItem';
import { hintReused, rememberIfPaid } from './reusePaidLookups';
import { startLookupItem } from './startLookupItem';
import { pauseForCallback } from './waitForCallback/pauseForCallback';

/** The core's `timeout`, in the node's words: which request still runs, and where to fetch it. */
function timedOut(requestId: string, timeoutMs: number): NyneApiError {
	return new NyneApiError('timeout', {
		requestId,
		message:
			`The lookup did not finish within ${Math.round(timeoutMs / 1000)} s. It is still running at Nyne as request ${requestId}: ` +
			'fetch it later with Resource "Request" > Operation "Get", or raise Options > Timeout.',
	});
}

/**
 * Waits for a started lookup; a failed one throws the core's `lookup_failed`, a late one says how to fetch it.
 * Identical calls waiting on its lead get the same outcome.
 */
async function collectLookupItem(
	context: IExecuteFunctions,
	item: LookupItem,
	started: { requestId: string; lead?: Lead },
	run: RunContext,
): Promise<IDataObject[]> {
	const { requestId, lead } = started;
	const waited = await settle(
		async () =>
			await collectLookup(await run.client(), requestId, {
				timeoutMs: item.timeoutMs,
				signal: run.signal,
			}),
	);
	if (!waited.ok) {
		const error =
			waited.error instanceof NyneApiError && waited.error.code === 'timeout'
				? timedOut(requestId, item.timeoutMs)
				: waited.error;
		lead?.fail(error);
		throw error;
	}
	const view = waited.value;
	if (view.failure) {
		lead?.fail(view.failure);
		throw view.failure;
	}
	// Recorded before its lead completes, so an identical call never finds neither the record nor the lead.
	await rememberIfPaid(context, item, view, await run.client());
	lead?.complete(view);
	return renderLookup(view, item.shape);
}

/** The result of an identical lookup another call started and this one waited for, for 0 credits. */
async function followLookup(
	context: IExecuteFunctions,
	item: LookupItem,
	follow: Promise<LookupView>,
): Promise<IDataObject[]> {
	const view = await followLead(follow);
	hintReused(context, [view.summary.request_id]);
	return renderLookup(view, item.shape);
}

/** Starts an item's lookup; one that identical calls wait on carries its lead, which a failed start fails. */
async function startItem(
	context: IExecuteFunctions,
	itemIndex: number,
	item: LookupItem,
	run: RunContext,
	lead: Lead | undefined,
): Promise<Started> {
	if (item.waitMode === 'webhook') return await pauseForCallback(context, itemIndex, item, run);
	const started = await settle(async () => await startLookupItem(context, itemIndex, item, run));
	if (!started.ok) {
		lead?.fail(started.error);
		throw started.error;
	}
	return lead && !('items' in started.value) ? { ...started.value, lead } : started.value;
}

/** An item's items: given at start, or waited for now; a failed step stays failed. */
async function collectItem(
	context: IExecuteFunctions,
	step: Settled<Started>,
	item: LookupItem | undefined,
	run: RunContext,
): Promise<Settled<IDataObject[]>> {
	if (!step.ok) return step;
	const started = step.value;
	if ('items' in started) return { ok: true, value: started.items };
	// Only a lookup started from a checked item is collected.
	const checked = item as LookupItem;
	if ('follow' in started)
		return await settle(async () => await followLookup(context, checked, started.follow));
	return await settle(async () => await collectLookupItem(context, checked, started, run));
}

/** Lookups already paid for whose results the failing run would drop: named so the user need not start them again. */
function startedElsewhere(started: Array<Settled<Started>>, failedIndex: number): string[] {
	return started.flatMap((step, index) => {
		const value = index !== failedIndex && step.ok ? step.value : undefined;
		const requestId = value && 'requestId' in value ? value.requestId : undefined;
		return requestId ? [requestId] : [];
	});
}

/**
 * Every lookup operation's run, in three passes, so that bad input fails before anything is sent and many
 * lookups wait side by side: read and check every item, decide what needs no lookup or may not have one, start
 * every lookup, then collect every lookup.
 */
export async function runLookups(
	this: IExecuteFunctions,
	readItem: (itemIndex: number) => Promise<LookupItem>,
): Promise<INodeExecutionData[]> {
	const output = new ItemOutput(this);
	const count = this.getInputData().length;
	const run = createRunContext(this);

	const checked: Array<Settled<LookupItem>> = [];
	const ready = new Map<number, LookupItem>();
	for (let i = 0; i < count; i++) {
		checked[i] = await settle(async () => await readItem(i));
		output.failFast(checked[i], i);
		const step = checked[i];
		if (step.ok) ready.set(i, step.value);
	}

	// Leads this run took: any it ends without settling (a failed run) fail, so no identical call waits on them.
	const leads = new Map<number, Lead>();
	try {
		let decided = new Map<number, Settled<Started>>();
		if (ready.size > 0) {
			const decision = await settle(async () => await decideBeforeSending(this, ready, run, leads));
			if (!decision.ok) throw output.refuseRun(decision.error);
			decided = decision.value;
			hintCallbackPath(this, ready, decided);
		}

		const started: Array<Settled<Started>> = [];
		for (let i = 0; i < count; i++) {
			const step = checked[i];
			started[i] =
				decided.get(i) ??
				(step.ok
					? await settle(async () => await startItem(this, i, step.value, run, leads.get(i)))
					: step);
			output.failFast(started[i], i, startedElsewhere(started, i));
		}

		for (let i = 0; i < count; i++) {
			const collected = await collectItem(this, started[i], ready.get(i), run);
			output.add(i, collected, startedElsewhere(started, i));
		}
		return output.items;
	} finally {
		for (const lead of leads.values()) lead.abandon();
	}
}
