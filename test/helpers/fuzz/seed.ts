import fc from 'fast-check';

/**
 * CI replays one fixed seed so a run never fails on a case that the previous run did not try;
 * NYNE_FUZZ_SEED=random explores new ground by hand, NYNE_FUZZ_SEED=<n> replays a reported failure.
 */
const requested = process.env.NYNE_FUZZ_SEED;
if (requested !== 'random')
	fc.configureGlobal({ seed: requested ? Number(requested) : 20_261_127 });
