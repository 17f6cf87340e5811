import type { IExecuteFunctions } from 'n8n-workflow';

import { checkBalance, settle } from '../../../../shared';
import type { Settled } from '../../../../shared';
import { errorItem } from '../../../common/errors';
import { renderLookup } from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import type { RunContext } from '../runContext';
import type { Started } from '../types';
import { balanceBefore } from './creditBalance';
import type { LookupItem } from './readLookupItem';
import { findReused, hintReused, reuses } from './reusePaidLookups';
import { openRunBudget } from './runBudget';

/**
 * Before any lookup is sent: identical lookups already paid for are read instead (free), items beyond the budget
 * are refused, and a batch the credits left cannot pay for is refused as a whole. Items left out are to be sent.
 */
export async function decideBeforeSending(
	context: IExecuteFunctions,
	checked: Map<number, LookupItem>,
	run: RunContext,
): Promise<Map<number, Settled<Started>>> {
	const decided = new Map<number, Settled<Started>>();
	const first = checked.values().next().value as LookupItem;
	const budget = openRunBudget(context, first);
	const asTool = isCalledAsTool(context);
	const toStart: number[] = [];
	const reusedFrom: string[] = [];
	for (const [index, item] of checked) {
		const reused = reuses(context, item) ? await findReused(context, item, run) : undefined;
		if (reused) {
			reusedFrom.push(reused.summary.request_id);
			const items = renderLookup(reused, item.shape);
			decided.set(index, { ok: true, value: { items, requestId: reused.summary.request_id } });
			continue;
		}
		const allowed = await settle(async () => budget.take());
		if (allowed.ok) toStart.push(index);
		// An agent reads the refusal as the tool's answer, so it knows why and stops asking.
		else
			decided.set(
				index,
				asTool ? { ok: true, value: { items: [errorItem(allowed.error)] } } : allowed,
			);
	}
	hintReused(context, reusedFrom);
	const client = toStart.length > 1 ? await run.client() : undefined;
	const balance = await balanceBefore(context, client, toStart.length);
	const affordable = await settle(async () => {
		if (balance) checkBalance(balance, toStart.length);
	});
	if (!affordable.ok) {
		for (const index of toStart) decided.set(index, affordable);
		return decided;
	}
	budget.save();
	return decided;
}
