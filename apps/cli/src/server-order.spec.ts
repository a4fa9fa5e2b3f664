import { seededRandom, serverOrder } from './server-order';

describe('serverOrder', () => {
  const servers = [1, 2, 3, 4, 5];

  it('is a permutation of the servers and leaves its input alone', () => {
    const order = serverOrder(servers);
    expect([...order].sort()).toEqual(servers);
    expect(servers).toEqual([1, 2, 3, 4, 5]);
  });

  it('is the same for the same seed and differs across seeds', () => {
    expect(serverOrder(servers, 42)).toEqual(serverOrder(servers, 42));
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => serverOrder(servers, seed).join()));
    expect(orders.size).toBeGreaterThan(20);
  });

  it('picks every server first about equally often, seeded or not', () => {
    const firsts = (pick: (run: number) => number[]) => {
      const counts = new Map<number, number>();
      for (let run = 0; run < 5_000; run++) {
        const first = pick(run)[0];
        counts.set(first, (counts.get(first) ?? 0) + 1);
      }
      return [...counts.values()];
    };
    for (const counts of [firsts(() => serverOrder(servers)), firsts((run) => serverOrder(servers, run))]) {
      expect(counts).toHaveLength(5);
      for (const count of counts) expect(count).toBeGreaterThan(800); // 1,000 expected each
    }
  });

  it('keeps a seeded generator within bounds', () => {
    const below = seededRandom(0);
    for (let draw = 0; draw < 1_000; draw++) {
      const value = below(3);
      expect(value >= 0 && value < 3 && Number.isInteger(value)).toBe(true);
    }
  });

  it('handles one server and none', () => {
    expect(serverOrder([7])).toEqual([7]);
    expect(serverOrder([])).toEqual([]);
  });
});
