import { describe, expect, it } from 'vitest';

import { checkBalance, LookupBudget, readCreditBalance } from '../../shared';

/** Nyne's /usage as its public docs show it today (inside the envelope's data). */
const TODAY = {
	credits_used: { total: 288, search: 0, enrichment: 288 },
	limits: { monthly_allocation: 300, available_credits: 12, is_unlimited: false },
	breakdown: { person_interactions: { requests: 96, credits_used: 288 } },
};
/** The older flat shape, as the sandbox serves it. */
const FLAT = { credits_used: 288, credits_remaining: 12, monthly_allocation: 300 };

describe('the credits left, from either /usage shape', () => {
	it('reads available_credits today and credits_remaining in the flat shape', () => {
		expect(readCreditBalance(TODAY)).toEqual({ unlimited: false, left: 12 });
		expect(readCreditBalance(FLAT)).toEqual({ unlimited: false, left: 12 });
	});

	it('falls back to the allocation minus the credits used', () => {
		expect(readCreditBalance({ ...TODAY, limits: { monthly_allocation: 300 } })).toEqual({
			unlimited: false,
			left: 12,
		});
		expect(readCreditBalance({ credits_used: 290, monthly_allocation: 300 })).toEqual({
			unlimited: false,
			left: 10,
		});
	});

	it('an unlimited plan always passes; a balance it cannot read passes too', () => {
		const unlimited = readCreditBalance({ limits: { is_unlimited: true, available_credits: 0 } });
		expect(unlimited).toEqual({ unlimited: true });
		expect(() => checkBalance(unlimited, 1000)).not.toThrow();
		expect(readCreditBalance({ something: 'else' })).toEqual({ unlimited: false });
		expect(() => checkBalance(readCreditBalance({}), 1000)).not.toThrow();
	});

	it('refuses a batch the credits left cannot pay for, with the numbers', () => {
		const balance = readCreditBalance(TODAY);
		expect(() => checkBalance(balance, 4)).not.toThrow();
		expect(() => checkBalance(balance, 100)).toThrow(
			expect.objectContaining({
				code: 'insufficient_credits',
				message: expect.stringContaining('12 credits left; this run needs up to 300'),
			}),
		);
	});
});

describe('a lookup budget', () => {
	it('counts lookups and refuses the one beyond the budget, naming what was started', () => {
		const budget = new LookupBudget(2, 1, 'execution');
		budget.take('Max Lookups per Run');
		expect(budget.spent).toBe(2);
		expect(() => budget.take('Max Lookups per Run')).toThrow(
			expect.objectContaining({
				code: 'budget_exceeded',
				message: expect.stringContaining(
					'budget of 2 lookups for this execution is spent (2 already started',
				),
			}),
		);
		const unbounded = new LookupBudget(undefined);
		for (let i = 0; i < 50; i++) unbounded.take('x');
		expect(unbounded.spent).toBe(50);
	});
});
