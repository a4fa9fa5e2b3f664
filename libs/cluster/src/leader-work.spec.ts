import { Logger } from '@nestjs/common';
import { LeaderWork } from './leader-work';

describe('LeaderWork', () => {
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('runs tasks only while this node leads, on wall-clock multiples of their period', async () => {
    const work = new LeaderWork();
    const runs: number[] = [];
    work.register({ name: 'sweep', everyMs: 1_000, run: async () => runs.push(Date.now() % 60_000) });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual([]);

    jest.setSystemTime(Date.now() + 250);
    work.setLeading(true);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(runs).toEqual([6_000, 7_000]);

    work.setLeading(false);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(2);
  });

  it('runs a takeover task at once, never overlaps a slow run, and survives a failing one', async () => {
    const work = new LeaderWork();
    let active = 0;
    let most = 0;
    let calls = 0;
    work.register({
      name: 'slow',
      everyMs: 100,
      runOnTakeover: true,
      run: async () => {
        calls += 1;
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 350));
        active -= 1;
        if (calls === 1) throw new Error('first run fails');
      },
    });
    work.setLeading(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(most).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
    work.onApplicationShutdown();
  });

  it('refuses a repeated name', () => {
    const work = new LeaderWork();
    work.register({ name: 'a', everyMs: 10, run: async () => undefined });
    expect(() => work.register({ name: 'a', everyMs: 10, run: async () => undefined })).toThrow('registered already');
  });
});
