import { randomInt } from 'node:crypto';

/**
 * Fisher–Yates shuffle of `items` in place with node:crypto's uniform `randomInt`: every order
 * equally likely. The in-process store draws the pre-queue with it (the Redis store runs the same
 * algorithm in Lua, seeded from node:crypto). @returns `items`.
 */
export function shuffle<T>(items: T[], random: (bound: number) => number = randomInt): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** The carry of {@link admissionsDue}: whole admissions now and the fraction kept for the next step. */
export interface AdmissionStep {
  admit: number;
  credit: number;
}

/**
 * How many customers are due after `elapsedMs` at `ratePerMin`, with `credit` (a fraction below 1
 * carried from the last step). Negative elapsed time (a clock step back) admits nobody.
 */
export function admissionsDue(credit: number, elapsedMs: number, ratePerMin: number): AdmissionStep {
  const total = credit + (Math.max(0, elapsedMs) * ratePerMin) / 60_000;
  const admit = Math.floor(total);
  return { admit, credit: total - admit };
}
