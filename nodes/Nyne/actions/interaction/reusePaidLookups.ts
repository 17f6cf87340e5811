import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { findReusable, rememberPaid, reuseKey } from '../../../../shared';
import type { Claim, LookupView, NyneClient, ReuseStore } from '../../../../shared';
import { isCalledAsTool } from '../../../common/toolCall';
import { getRuntime } from '../../../common/transport';
import type { RunContext } from '../runContext';
import type { LookupItem } from './readLookupItem';

/** Reuse applies to lookups that are waited for here; editor runs and tool calls reuse unless told not to. */
export function reuses(context: IExecuteFunctions, prepared: LookupItem): boolean {
	if (prepared.waitMode !== 'poll') return false;
	if (prepared.reuse !== 'manual') return prepared.reuse === 'always';
	return context.getMode() === 'manual' || isCalledAsTool(context);
}

/** What names this credential in the process-wide stores: a digest of its API key (never the key) and Nyne's address. */
async function credentialScope(context: IExecuteFunctions, client: NyneClient): Promise<string> {
	const { apiKey } = await context.getCredentials<{ apiKey?: string }>('nyneApi');
	const digest = createHash('sha256')
		.update(String(apiKey ?? ''))
		.digest('hex')
		.slice(0, 32);
	return `${digest}@${client.baseUrl}:`;
}

/**
 * The process-wide store of paid lookups, with keys scoped by credentialScope: a credential edited to another key
 * does not see the records of the one before.
 */
export function reuseStoreOf(context: IExecuteFunctions, client: NyneClient): ReuseStore {
	let scope: Promise<string> | undefined;
	const scoped = async (key: string) => (await (scope ??= credentialScope(context, client))) + key;
	const store = getRuntime().reuse;
	return {
		get: async (key) => await store.get(await scoped(key)),
		set: async (key, record) => await store.set(await scoped(key), record),
		delete: async (key) => await store.delete(await scoped(key)),
	};
}

/** Leads the item's lookup in this process, or follows an identical one already started and not yet collected. */
export async function claimInFlight(
	context: IExecuteFunctions,
	item: LookupItem,
	client: NyneClient,
): Promise<Claim> {
	const key = (await credentialScope(context, client)) + reuseKey(item.body);
	return getRuntime().inFlight.claim(key);
}

/** Records a lookup this run paid for, so that an identical one within the window is read instead. */
export async function rememberIfPaid(
	context: IExecuteFunctions,
	prepared: LookupItem,
	view: LookupView,
	client: NyneClient,
): Promise<void> {
	if (prepared.reuse === 'never' || prepared.waitMode !== 'poll') return;
	await rememberPaid(reuseStoreOf(context, client), prepared.body, view, getRuntime().now);
}

/** An identical lookup this credential paid for within the reuse window, read again for free. */
export async function findReused(
	context: IExecuteFunctions,
	item: LookupItem,
	run: RunContext,
): Promise<LookupView | undefined> {
	const client = await run.client();
	return await findReusable(client, reuseStoreOf(context, client), item.body, {
		now: getRuntime().now,
		signal: run.signal,
	});
}

/** The output pane says what was reused, whatever the Output shape (one item per person has no summary). */
export function hintReused(context: IExecuteFunctions, requestIds: string[]): void {
	if (requestIds.length === 0 || typeof context.addExecutionHints !== 'function') return;
	context.addExecutionHints({
		message:
			`${requestIds.length === 1 ? 'A lookup' : `${requestIds.length} lookups`} already paid for ` +
			`${requestIds.length === 1 ? 'was' : 'were'} read again for 0 credits (request ${requestIds.join(', ')}). ` +
			'Set Options > Reuse Paid Lookups to Never to pay for a new one.',
		location: 'outputPane',
	});
}
