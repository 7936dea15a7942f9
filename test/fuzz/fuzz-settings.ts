/**
 * How hard the property tests push. `npm test` runs a few cases per property so the suite stays quick;
 * `npm run fuzz` (FUZZ=long) runs many, with a seed printed up front. Replay a failure with
 * `FUZZ_SEED=<seed> npm run fuzz` (fast-check also prints the seed and path of any counterexample).
 */
import type fc from 'fast-check';

const long = process.env.FUZZ === 'long';
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const factor = Number(process.env.FUZZ_FACTOR ?? 50);

if (long) process.stdout.write(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz)\n`);

export const FUZZ = { long, seed };

/** fast-check parameters for a property that runs `quick` cases in `npm test`. */
export function fuzzParameters(quick: number): fc.Parameters<unknown> {
  return { seed, numRuns: long ? quick * factor : quick, endOnFailure: true };
}

/** a test's time budget: generous in long runs, and enough for a loaded machine in quick ones */
export const fuzzTimeout = (quickMs: number) => (long ? quickMs * factor * 2 : quickMs);
