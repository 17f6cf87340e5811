import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_TOOL_LOOKUPS_PER_HOUR,
	LookupBudget,
	checkBalance,
	findReusable,
	readCreditBalance,
	rememberPaid,
} from '../../../../shared';
import type { CreditBalance, LookupView, NyneClient, ReuseStore } from '../../../../shared';
import { errorItem } from '../../../common/errors';
import { renderLookup } from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import { getRuntime } from '../../../common/transport';
import type { RunContext, Settled } from '../types';
import { DEFAULT_TOOL_BUDGET } from './lookupFields';
import type { PreparedLookup } from './prepareLookup';

const BUDGET_FIELD = 'Max Lookups per Run';
const HOURLY_FIELD = 'Max Lookups per Hour';
/** Where an AI agent's tool calls count their lookups: n8n's node context, one per node and execution. */
const STARTED_KEY = 'nyneLookupsStarted';

/** Reuse applies to lookups that are waited for here; editor runs and tool calls reuse unless told not to. */
export function reuses(context: IExecuteFunctions, prepared: PreparedLookup): boolean {
	if (prepared.waitMode !== 'poll') return false;
	if (prepared.reuse !== 'manual') return prepared.reuse === 'always';
	return context.getMode() === 'manual' || isCalledAsTool(context);
}

/**
 * The process-wide store of paid lookups, with keys that name this credential's API key (a digest, never the key)
 * and Nyne's address: a credential edited to another key does not see the records of the one before.
 */
export function reuseStoreOf(context: IExecuteFunctions, client: NyneClient): ReuseStore {
	let scope: Promise<string> | undefined;
	const scoped = async (key: string) => {
		scope ??= context.getCredentials<{ apiKey?: string }>('nyneApi').then(
			({ apiKey }) =>
				`${createHash('sha256')
					.update(String(apiKey ?? ''))
					.digest('hex')
					.slice(0, 32)}@${client.baseUrl}:`,
		);
		return (await scope) + key;
	};
	const store = getRuntime().reuse;
	return {
		get: async (key) => await store.get(await scoped(key)),
		set: async (key, record) => await store.set(await scoped(key), record),
		delete: async (key) => await store.delete(await scoped(key)),
	};
}

/** Records a lookup this run paid for, so that an identical one within the window is read instead. */
export async function rememberIfPaid(
	context: IExecuteFunctions,
	prepared: PreparedLookup,
	view: LookupView,
	client: NyneClient,
): Promise<void> {
	if (prepared.reuse === 'never' || prepared.waitMode !== 'poll') return;
	await rememberPaid(reuseStoreOf(context, client), prepared.body, view, getRuntime().now);
}

/** One tool for the hourly cap: this node in this workflow, with this credential. */
function toolKeyOf(context: IExecuteFunctions): string {
	const node = context.getNode();
	const credential = node.credentials?.nyneApi;
	return `${context.getWorkflow().id ?? ''}|${node.id}|${credential?.id ?? credential?.name ?? ''}`;
}

/**
 * An AI agent calls the tool once per question, each call a new run of the node in the same execution, so its
 * budget counts in the node's execution context (n8n's `getContext('node')`, kept in the execution's data, so it
 * survives waits and queue-mode hand-overs and ends with the execution).
 */
function budgetOf(
	context: IExecuteFunctions,
	first: PreparedLookup,
): {
	budget: LookupBudget;
	/** Counts one lookup against the tool's hourly cap, or throws when it is reached. */
	take(): void;
	save(): void;
} {
	if (!isCalledAsTool(context))
		return { budget: new LookupBudget(first.maxLookups), take: () => {}, save: () => {} };
	const counts = context.getContext('node') as IDataObject;
	const budget = new LookupBudget(
		first.maxLookups ?? DEFAULT_TOOL_BUDGET,
		Number(counts[STARTED_KEY] ?? 0),
		'execution',
	);
	const hourly = first.maxLookupsPerHour ?? DEFAULT_TOOL_LOOKUPS_PER_HOUR;
	return {
		budget,
		take: () => getRuntime().toolCap.take(toolKeyOf(context), hourly, HOURLY_FIELD),
		save: () => (counts[STARTED_KEY] = budget.spent),
	};
}

async function findReused(
	context: IExecuteFunctions,
	item: PreparedLookup,
	run: RunContext,
): Promise<LookupView | undefined> {
	const client = await run.client();
	return await findReusable(client, reuseStoreOf(context, client), item.body, {
		now: getRuntime().now,
		signal: run.signal,
	});
}

async function readBalance(
	context: IExecuteFunctions,
	client: NyneClient,
	lookups: number,
): Promise<CreditBalance | undefined> {
	try {
		return readCreditBalance(await client.getUsage());
	} catch (error) {
		context.logger.warn(
			`Nyne: the credit balance could not be read before ${lookups} lookups; they are sent unchecked ` +
				`(${error instanceof Error ? error.message : String(error)}).`,
		);
		return undefined;
	}
}

/**
 * Before any lookup is sent: identical lookups already paid for are read instead (free), items beyond the budget
 * are refused, and a batch the credits left cannot pay for is refused as a whole.
 */
export async function settleLookups(
	this: IExecuteFunctions,
	prepared: Map<number, PreparedLookup>,
	run: RunContext,
): Promise<Map<number, Settled>> {
	const settled = new Map<number, Settled>();
	const first = prepared.values().next().value as PreparedLookup;
	const { budget, take, save } = budgetOf(this, first);
	const asTool = isCalledAsTool(this);
	const toStart: number[] = [];
	const reusedFrom: string[] = [];
	for (const [index, item] of prepared) {
		const reused = reuses(this, item) ? await findReused(this, item, run) : undefined;
		if (reused) {
			reusedFrom.push(reused.summary.request_id);
			const items = renderLookup(reused, item.shape);
			settled.set(index, { ok: true, started: { items, requestId: reused.summary.request_id } });
			continue;
		}
		try {
			budget.take(BUDGET_FIELD);
			take();
			toStart.push(index);
		} catch (error) {
			// An agent reads the refusal as the tool's answer, so it knows why and stops asking.
			settled.set(
				index,
				asTool ? { ok: true, started: { items: [errorItem(error)] } } : { ok: false, error },
			);
		}
	}
	hintReused(this, reusedFrom);
	const balance =
		toStart.length > 1 ? await readBalance(this, await run.client(), toStart.length) : undefined;
	try {
		if (balance) checkBalance(balance, toStart.length);
	} catch (error) {
		for (const index of toStart) settled.set(index, { ok: false, error });
		return settled;
	}
	save();
	return settled;
}

/** The output pane says what was reused, whatever the Output shape (one item per person has no summary). */
function hintReused(context: IExecuteFunctions, requestIds: string[]): void {
	if (requestIds.length === 0 || typeof context.addExecutionHints !== 'function') return;
	context.addExecutionHints({
		message:
			`${requestIds.length === 1 ? 'A lookup' : `${requestIds.length} lookups`} already paid for ` +
			`${requestIds.length === 1 ? 'was' : 'were'} read again for 0 credits (request ${requestIds.join(', ')}). ` +
			'Set Options > Reuse Paid Lookups to Never to pay for a new one.',
		location: 'outputPane',
	});
}
