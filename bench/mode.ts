/**
 * How this bench run goes. `npm run bench -- --quick` (or NYNE_BENCH_QUICK=1) runs every section on small sizes
 * through the same code, so CI can tell a broken bench from a working one in about a minute; the figures are
 * only meaningful without it.
 */
export const QUICK = process.argv.includes('--quick') || process.env.NYNE_BENCH_QUICK === '1';

/** The full size, or the quick one under --quick. */
export function sized<T>(full: T, quick: T): T {
	return QUICK ? quick : full;
}

const failures: string[] = [];

/** A section or row that could not produce its figures: the run still prints the rest, then exits 1. */
export function noteFailure(what: string): void {
	failures.push(what);
}

export function failuresSoFar(): readonly string[] {
	return failures;
}
