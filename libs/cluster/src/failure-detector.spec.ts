import { FailureDetector } from './failure-detector';

const DEFAULTS = { intervalMs: 1_000, timeoutMs: 5_000, minTimeoutMs: 2_000, maxTimeoutMs: 30_000 };

/** Feeds heartbeats at the given gaps (ms) starting at t = 0; returns the last arrival time. */
function feed(detector: FailureDetector, peer: number, gaps: number[]): number {
  let now = 0;
  detector.heartbeat(peer, now);
  for (const gap of gaps) detector.heartbeat(peer, (now += gap));
  return now;
}

describe('FailureDetector', () => {
  it('suspects a watched peer that never sends, after the default 5 s', () => {
    const detector = new FailureDetector(DEFAULTS);
    detector.watch(2, 1_000);
    expect(detector.suspected(2, 6_000)).toBe(false);
    expect(detector.suspected(2, 6_001)).toBe(true);
    expect(detector.heard(2)).toBe(false);
    expect(detector.lastHeartbeatAt(2)).toBeUndefined();
  });

  it('suspects a peer it does not know', () => {
    expect(new FailureDetector(DEFAULTS).suspected(9, 0)).toBe(true);
  });

  it('keeps the 5 s timeout while heartbeats arrive on time', () => {
    const detector = new FailureDetector(DEFAULTS);
    const last = feed(detector, 2, Array(20).fill(1_000));
    expect(detector.timeoutMs(2)).toBe(5_000);
    expect(detector.suspected(2, last + 5_000)).toBe(false);
    expect(detector.suspected(2, last + 5_001)).toBe(true);
    expect(detector.lastHeartbeatAt(2)).toBe(last);
  });

  it('uses the default until it has enough samples', () => {
    const detector = new FailureDetector(DEFAULTS);
    feed(detector, 2, [3_000, 3_000]);
    expect(detector.timeoutMs(2)).toBe(5_000);
    feed(detector, 3, [3_000, 3_000, 3_000]);
    expect(detector.timeoutMs(3)).toBe(7_000);
  });

  it('stretches the timeout by the lateness and k standard deviations of the gaps', () => {
    const detector = new FailureDetector(DEFAULTS);
    // Gaps alternate 1 s and 2 s: mean 1.5 s (0.5 s late), standard deviation 0.5 s.
    feed(
      detector,
      2,
      Array.from({ length: 20 }, (_, index) => (index % 2 ? 2_000 : 1_000)),
    );
    expect(detector.timeoutMs(2)).toBe(5_000 + 500 + 4 * 500);
  });

  it('stays within the configured bounds', () => {
    const slow = new FailureDetector(DEFAULTS);
    feed(slow, 2, [1_000, 4_900, 1_000, 4_900, 1_000, 4_900, 1_000, 4_900]);
    expect(slow.timeoutMs(2)).toBeLessThanOrEqual(30_000);
    const bounded = new FailureDetector({ ...DEFAULTS, maxTimeoutMs: 6_000 });
    feed(
      bounded,
      2,
      Array.from({ length: 20 }, (_, index) => (index % 2 ? 2_000 : 1_000)),
    );
    expect(bounded.timeoutMs(2)).toBe(6_000);
    const fast = new FailureDetector({ ...DEFAULTS, minTimeoutMs: 4_500 });
    feed(fast, 2, Array(20).fill(200));
    expect(fast.timeoutMs(2)).toBe(4_500);
  });

  it('does not count an outage as a delay', () => {
    const detector = new FailureDetector(DEFAULTS);
    const last = feed(detector, 2, Array(10).fill(1_000));
    detector.heartbeat(2, last + 60_000); // back after a minute down
    expect(detector.timeoutMs(2)).toBe(5_000);
    expect(detector.suspected(2, last + 61_000)).toBe(false);
  });

  it('forgets old samples beyond its window', () => {
    const detector = new FailureDetector({ ...DEFAULTS, window: 4 });
    feed(detector, 2, [3_000, 3_000, 3_000, 3_000, 1_000, 1_000, 1_000, 1_000]);
    expect(detector.timeoutMs(2)).toBe(5_000);
  });

  it('refuses inconsistent bounds', () => {
    expect(() => new FailureDetector({ ...DEFAULTS, minTimeoutMs: 6_000 })).toThrow(RangeError);
    expect(() => new FailureDetector({ ...DEFAULTS, maxTimeoutMs: 4_000 })).toThrow(RangeError);
  });
});
