import { berkeleyRound, estimateOffset } from './berkeley';

describe('Berkeley clock synchronisation (Gusella & Zatti 1989)', () => {
  it('estimates an offset from one poll: the peer read its clock half a round trip before the reply', () => {
    // Sent at 1000, the peer (30 s ahead) answered 10 ms later with 31_010, reply at 1020.
    expect(estimateOffset(1_000, 31_010, 1_020)).toBe(30_000);
    expect(estimateOffset(1_000, 1_010, 1_020)).toBe(0);
  });

  it('averages the offsets (the leader counts as 0) and tells each node its correction', () => {
    const round = berkeleyRound(
      [
        { node: 1, offsetMs: 0, rttMs: 0 },
        { node: 2, offsetMs: 30, rttMs: 2 },
        { node: 3, offsetMs: -60, rttMs: 3 },
      ],
      1_000,
    );
    expect(round.averageMs).toBe(-10);
    expect(Object.fromEntries(round.corrections)).toEqual({ 1: -10, 2: -40, 3: 50 });
    expect(round.excluded).toEqual([]);
  });

  it('leaves an outlier out of the average but still corrects it', () => {
    const round = berkeleyRound(
      [
        { node: 1, offsetMs: 0, rttMs: 0 },
        { node: 2, offsetMs: 20, rttMs: 1 },
        { node: 3, offsetMs: 30_000, rttMs: 1 }, // e.g. under faketime +30 s
      ],
      1_000,
    );
    expect(round.averageMs).toBe(10);
    expect(round.excluded).toEqual([3]);
    expect(round.corrections.get(3)).toBe(-29_990);
    expect(round.corrections.get(1)).toBe(10);
  });

  it('uses the mean of the two middle offsets as the median of an even count', () => {
    const round = berkeleyRound(
      [
        { node: 1, offsetMs: 0, rttMs: 0 },
        { node: 2, offsetMs: 100, rttMs: 0 },
      ],
      60,
    );
    expect(round.averageMs).toBe(50);
    expect(() => berkeleyRound([], 10)).toThrow(RangeError);
  });
});
