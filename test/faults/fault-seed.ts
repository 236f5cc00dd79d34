/**
 * Fault tests pick their kill points from a seeded PRNG. The seed is printed; FAULT_SEED=<seed> replays a run, and
 * CI sets a fixed one (.ci/run).
 */
export const FAULT_SEED = Number(process.env.FAULT_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: small, seedable, good enough to pick kill points. */
export function prng(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
