import { MemoryQueueStore, QueueSettings, QueueStore, RedisQueueStore } from '@app/waiting-room';
import { TEST_REDIS_URL } from './support/env';

/** Spearman rank correlation of two rankings of the same n items (no ties). */
function spearman(a: number[], b: number[]): number {
  const n = a.length;
  const d2 = a.reduce((sum, value, i) => sum + (value - b[i]) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

let nextShow = 900_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const visitor = (i: number) => `visitor-${String(i).padStart(12, '0')}`;

/** The same rules, on the in-process store and on Redis (TEST_REDIS_URL). */
describe.each([
  ['in-process', () => new MemoryQueueStore()],
  ['Redis', () => new RedisQueueStore(TEST_REDIS_URL)],
])('waiting room queue (%s)', (_name, make: () => QueueStore) => {
  const stores: QueueStore[] = [];
  const used: number[] = [];
  const store = () => {
    const made = make();
    stores.push(made);
    return made;
  };
  const settingsFor = (overrides: Partial<QueueSettings> = {}): QueueSettings => {
    const showId = nextShow++;
    used.push(showId);
    return { showId, mode: 'always', onSaleAt: null, admissionRatePerMin: 600, pickWindowMs: 60_000, ...overrides };
  };
  afterAll(async () => {
    for (const showId of used) await stores[0]?.clear(showId);
    for (const made of stores) await (made as { close?: () => Promise<void> }).close?.();
  });

  it('gives arriving early no advantage: places are drawn at random at the on-sale moment (200 runs)', async () => {
    const queue = store();
    const runs = 200;
    const size = 10;
    const firstPlaces = new Array<number>(size).fill(0);
    let correlations = 0;
    for (let run = 0; run < runs; run++) {
      const before = settingsFor({ onSaleAt: Date.now() + 3_600_000 });
      for (let i = 0; i < size; i++) {
        expect((await queue.join(before, visitor(i), `c${i}@example.com`)).state).toBe('early');
      }
      const opened = { ...before, onSaleAt: Date.now() - 1 };
      const places: number[] = [];
      for (let i = 0; i < size; i++) places.push((await queue.place(opened, visitor(i), false))!.position!);
      expect([...places].sort((a, b) => a - b)).toEqual([...Array(size).keys()].map((i) => i + 1));
      firstPlaces[places[0] - 1]++;
      correlations += spearman(
        [...Array(size).keys()].map((i) => i + 1),
        places,
      );
    }
    // The first to arrive lands in each place about equally often: chi-square, df = 9, P(χ² > 27.88) = 0.001.
    const expected = runs / size;
    const chiSquare = firstPlaces.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(27.88);
    // Arrival order and place are uncorrelated: the mean Spearman ρ has SD 0.33/√200 ≈ 0.024.
    expect(Math.abs(correlations / runs)).toBeLessThan(0.1);
  });

  it('is first come, first served after the on-sale moment, behind the drawn pre-queue', async () => {
    const queue = store();
    const before = settingsFor({ onSaleAt: Date.now() + 3_600_000 });
    for (let i = 0; i < 5; i++) await queue.join(before, visitor(i), `early${i}@example.com`);
    const open = { ...before, onSaleAt: Date.now() - 1 };
    for (let i = 5; i < 55; i++) {
      const place = await queue.join(open, visitor(i), `late${i}@example.com`);
      expect(place).toMatchObject({ state: 'waiting', position: i + 1 });
    }
  });

  it('keeps one place per browser and per e-mail; refreshing keeps it', async () => {
    const queue = store();
    const settings = settingsFor();
    await queue.join(settings, visitor(1), 'one@example.com');
    const second = await queue.join(settings, visitor(2), 'two@example.com');
    expect(await queue.join(settings, visitor(2), 'other@example.com')).toEqual(second);
    // Another browser with the same e-mail shares the place.
    expect(await queue.join(settings, visitor(3), 'two@example.com')).toEqual(second);
    expect(await queue.place(settings, visitor(3), true)).toEqual(second);
    expect((await queue.snapshot(settings)).waiting).toBe(2);
  });

  it('admits at the rate once, however many nodes run the step, in line order; a lapsed pick window expires', async () => {
    const [nodeA, nodeB] = [store(), store()];
    const settings = settingsFor({ admissionRatePerMin: 1_200, pickWindowMs: 1_500 });
    // The line opens at the first join: time counts from before it to after the last step.
    const started = Date.now();
    for (let i = 0; i < 100; i++) await nodeA.join(settings, visitor(i), `c${i}@example.com`);
    let admitted = 0;
    const order: number[] = [];
    while (Date.now() - started < 3_000) {
      // The in-process store is one node's: only Redis is shared by two.
      admitted += await nodeA.tick(settings);
      if (nodeB instanceof RedisQueueStore) admitted += await nodeB.tick(settings);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    admitted += await nodeA.tick(settings);
    const expected = ((Date.now() - started) * 1_200) / 60_000;
    // Never more than the rate allows (two nodes stepping admit no more than one); at most one step's latency less.
    expect(admitted).toBeLessThanOrEqual(Math.ceil(expected));
    expect(admitted).toBeGreaterThanOrEqual(Math.floor(expected * 0.9) - 1);
    for (let i = 0; i < 100; i++) {
      const place = await nodeA.place(settings, visitor(i), false);
      if (place?.state === 'admitted' || place?.state === 'expired') order.push(i);
    }
    expect(order).toEqual([...Array(admitted).keys()]);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await nodeA.place(settings, visitor(0), false))?.state).toBe('expired');
    // Joining again after the window lapsed goes to the back of the line.
    const again = await nodeA.join(settings, visitor(0), 'c0@example.com');
    expect(again.state).toBe('waiting');
    const snapshot = await nodeA.snapshot(settings);
    expect(snapshot.admissionsLastMinute).toBe(admitted - 1);
    expect(snapshot.averageWaitMs).toBeGreaterThan(0);
  });
});
