import { compareGtidPositions, formatGtidPosition, gtidContains, maxGtidPosition, parseGtidPosition } from './gtid';

describe('GTID positions', () => {
  it('parses one or several domains, and empty as nothing', () => {
    expect(parseGtidPosition('0-1-42')).toEqual(new Map([[0, { serverId: 1, seq: 42 }]]));
    expect(formatGtidPosition(parseGtidPosition(' 1-3-5 , 0-2-17'))).toBe('0-2-17,1-3-5');
    expect(parseGtidPosition('').size).toBe(0);
    expect(parseGtidPosition(null).size).toBe(0);
  });

  it('refuses what is not domain-server-seq', () => {
    expect(() => parseGtidPosition('0-1')).toThrow('"0-1" is not a GTID');
    expect(() => parseGtidPosition('0-1-x')).toThrow('"0-1-x" is not a GTID');
  });

  it('orders by sequence number whatever server wrote it (strict mode: seq grows across servers)', () => {
    const [behind, ahead] = [parseGtidPosition('0-1-100'), parseGtidPosition('0-2-101')];
    expect(compareGtidPositions(behind, ahead)).toBeLessThan(0);
    expect(compareGtidPositions(ahead, behind)).toBeGreaterThan(0);
    expect(compareGtidPositions(parseGtidPosition('0-1-7'), parseGtidPosition('0-3-7'))).toBe(0);
    expect([ahead, behind].sort(compareGtidPositions)).toEqual([behind, ahead]);
  });

  it('knows when a position includes another, domain by domain', () => {
    expect(gtidContains(parseGtidPosition('0-2-10'), parseGtidPosition('0-1-9'))).toBe(true);
    expect(gtidContains(parseGtidPosition('0-2-10'), parseGtidPosition('0-2-10'))).toBe(true);
    expect(gtidContains(parseGtidPosition('0-2-10'), parseGtidPosition('0-2-11'))).toBe(false);
    expect(gtidContains(parseGtidPosition('0-2-10'), parseGtidPosition('0-2-3,1-1-1'))).toBe(false);
    expect(gtidContains(parseGtidPosition('0-1-1'), parseGtidPosition(''))).toBe(true);
  });

  it('takes the furthest of two positions per domain', () => {
    expect(formatGtidPosition(maxGtidPosition(parseGtidPosition('0-1-9,1-1-4'), parseGtidPosition('0-2-12')))).toBe(
      '0-2-12,1-1-4',
    );
  });
});
