/**
 * Reproducible randomness. Layer initializers take a seed directly; tfjs's
 * model.fit() shuffles with Math.random and has no seed option, so
 * withSeededRandom() swaps in a seeded generator (seedrandom, the library tfjs
 * itself uses) for the duration of one call and always puts the original back.
 */
import seedrandom from 'seedrandom';

/** The course's default seed: reruns on the same backend give the same numbers. */
export const DEFAULT_SEED = 42;

export async function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seedrandom(String(seed));
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
