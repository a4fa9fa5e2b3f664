import { randomInt } from 'node:crypto';

/** A random integer in `[0, bound)`. */
export type RandomBelow = (bound: number) => number;

/**
 * A deterministic generator for `--seed` (mulberry32: a 32-bit seed, well spread, tiny). Only
 * for reproducible runs such as tests; without a seed the order comes from `crypto.randomInt`.
 */
export function seededRandom(seed: number): RandomBelow {
  let state = seed >>> 0;
  return (bound) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    return Math.floor(unit * bound);
  };
}

/**
 * The order in which to try `servers`: a uniformly random permutation (Fisher–Yates), so the
 * first pick is a random server and each retry goes to another one. Deterministic when `seed`
 * (0–4294967295) is given. Does not change `servers`.
 */
export function serverOrder<T>(servers: readonly T[], seed?: number): T[] {
  const below: RandomBelow = seed === undefined ? (bound) => randomInt(bound) : seededRandom(seed);
  const order = [...servers];
  for (let index = order.length - 1; index > 0; index--) {
    const other = below(index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}
