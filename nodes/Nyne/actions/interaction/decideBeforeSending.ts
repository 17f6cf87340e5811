import type { IExecuteFunctions } from 'n8n-workflow';

import { checkBalance, settle } from '../../../../shared';
import type { Lead, Settled } from '../../../../shared';
import { errorItem } from '../../../common/errors';
import { renderLookup } from '../../../common/output';
import { isCalledAsTool } from '../../../common/toolCall';
import type { RunContext } from '../runContext';
import type { Started } from '../types';
import { balanceBefore } from './creditBalance';
import type { LookupItem } from './readLookupItem';
import { claimInFlight, findReused, hintReused, reuses } from './reusePaidLookups';
import { openRunBudget } from './runBudget';

/**
 * Before any lookup is sent: identical lookups already paid for are read instead (free), as are identical ones
 * still in flight (their lead is waited for), items beyond the budget are refused, and a batch the credits left
 * cannot pay for is refused as a whole. Items left out are to be sent; those with a lead in `leads` lead theirs.
 */
export async function decideBeforeSending(
	context: IExecuteFunctions,
	checked: Map<number, LookupItem>,
	run: RunContext,
	leads: Map<number, Lead>,
): Promise<Map<number, Settled<Started>>> {
	const decided = new Map<number, Settled<Started>>();
	const first = checked.values().next().value as LookupItem;
	const budget = openRunBudget(context, first);
	const asTool = isCalledAsTool(context);
	const toStart: number[] = [];
	const reusedFrom: string[] = [];
	const refuse = (index: number, refusal: Settled<Started>) => {
		leads.get(index)?.abandon();
		leads.delete(index);
		decided.set(index, refusal);
	};
	for (const [index, item] of checked) {
		const reused = reuses(context, item) ? await findReused(context, item, run) : undefined;
		if (reused) {
			reusedFrom.push(reused.summary.request_id);
			const items = renderLookup(reused, item.shape);
			decided.set(index, { ok: true, value: { items, requestId: reused.summary.request_id } });
			continue;
		}
		if (reuses(context, item)) {
			const claim = await claimInFlight(context, item, await run.client());
			if ('follow' in claim) {
				decided.set(index, { ok: true, value: claim });
				continue;
			}
			leads.set(index, claim.lead);
		}
		const allowed = await settle(async () => budget.take());
		if (allowed.ok) toStart.push(index);
		// An agent reads the refusal as the tool's answer, so it knows why and stops asking.
		else
			refuse(index, asTool ? { ok: true, value: { items: [errorItem(allowed.error)] } } : allowed);
	}
	hintReused(context, reusedFrom);
	const client = toStart.length > 1 ? await run.client() : undefined;
	const balance = await balanceBefore(context, client, toStart.length);
	const affordable = await settle(async () => {
		if (balance) checkBalance(balance, toStart.length);
	});
	if (!affordable.ok) {
		for (const index of toStart) refuse(index, affordable);
		return decided;
	}
	budget.save();
	return decided;
}
