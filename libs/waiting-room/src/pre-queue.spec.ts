import { admissionsDue, shuffle } from './pre-queue';

describe('shuffle', () => {
  it('puts each item in each place equally often (chi-square over 20,000 shuffles of 8)', () => {
    const n = 8;
    const runs = 20_000;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let run = 0; run < runs; run++) {
      shuffle([...Array(n).keys()]).forEach((item, place) => counts[item][place]++);
    }
    const expected = runs / n;
    for (const row of counts) {
      const chiSquare = row.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
      // df = 7: P(χ² > 24.32) = 0.001.
      expect(chiSquare).toBeLessThan(24.32);
    }
  });

  it('keeps every item', () => {
    expect(shuffle([...Array(100).keys()]).sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
  });
});

describe('admissionsDue', () => {
  it('admits rate × elapsed, carrying the fraction', () => {
    expect(admissionsDue(0, 1_000, 90)).toEqual({ admit: 1, credit: 0.5 });
    expect(admissionsDue(0.5, 1_000, 90)).toEqual({ admit: 2, credit: 0 });
    expect(admissionsDue(0.25, -5_000, 600)).toEqual({ admit: 0, credit: 0.25 });
  });
});
