import { CREDITS_PER_LOOKUP } from './constants.js';
import { NyneValidationError } from './errors.js';
import type { Usage } from './types.js';

/** What `/usage` says about credits left, in either of its shapes. `left` is undefined when it says nothing usable. */
export interface CreditBalance {
	unlimited: boolean;
	left?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Today's shape: `limits.available_credits` (or the allocation minus `credits_used.total`), `limits.is_unlimited`;
 * the older flat one: `credits_remaining` (or `monthly_allocation` minus the number `credits_used`).
 */
export function readCreditBalance(usage: Usage): CreditBalance {
	const limits = isRecord(usage.limits) ? usage.limits : {};
	if (limits.is_unlimited === true || usage.is_unlimited === true) return { unlimited: true };
	const used = isRecord(usage.credits_used)
		? count(usage.credits_used.total)
		: count(usage.credits_used);
	const allocation = count(limits.monthly_allocation) ?? count(usage.monthly_allocation);
	const left =
		count(limits.available_credits) ??
		count(usage.credits_remaining) ??
		(allocation !== undefined && used !== undefined ? allocation - used : undefined);
	return left === undefined ? { unlimited: false } : { unlimited: false, left: Math.max(0, left) };
}

/** The most a run of `lookups` lookups can cost (a lookup that finds no data costs nothing). */
export const creditsFor = (lookups: number): number => lookups * CREDITS_PER_LOOKUP;

/**
 * The balance rule before a batch: fewer credits left than the run could spend fails it before anything is sent.
 * A balance that cannot be read passes (the caller logs it).
 */
export function checkBalance(balance: CreditBalance, lookups: number): void {
	const needs = creditsFor(lookups);
	if (balance.unlimited || balance.left === undefined || balance.left >= needs) return;
	throw new NyneValidationError(
		'insufficient_credits',
		`${balance.left} credits left; this run needs up to ${needs} (${lookups} lookups at ${CREDITS_PER_LOOKUP} credits). ` +
			'No lookup was sent. Run fewer items, or add credits in your Nyne dashboard.',
	);
}

/** What a budget counts: one run of a step, or every call an AI agent makes in one execution. */
export type BudgetScope = 'run' | 'execution';

/** What an item beyond the budget fails with; it is not sent. */
export function budgetExceeded(
	budget: number,
	started: number,
	field: string,
	scope: BudgetScope = 'run',
): NyneValidationError {
	const spent =
		`The budget of ${budget} lookup${budget === 1 ? '' : 's'} for this ${scope} is spent ` +
		`(${started} already started, ${creditsFor(started)} credits at most), so this lookup was not sent.`;
	const next =
		scope === 'execution'
			? ' Do not call this tool again in this execution; answer with what you have.'
			: '';
	return new NyneValidationError(
		'budget_exceeded',
		`${spent}${next} Raise "${field}" to allow more.`,
		field,
	);
}

/** A one-run count of lookups against a budget (undefined: no budget). */
export class LookupBudget {
	constructor(
		readonly budget: number | undefined,
		private started = 0,
		private readonly scope: BudgetScope = 'run',
	) {}

	get spent(): number {
		return this.started;
	}

	/** Counts one lookup, or throws `budget_exceeded` when the budget allows no more. */
	take(field: string): void {
		if (this.budget !== undefined && this.started >= this.budget)
			throw budgetExceeded(this.budget, this.started, field, this.scope);
		this.started += 1;
	}
}
