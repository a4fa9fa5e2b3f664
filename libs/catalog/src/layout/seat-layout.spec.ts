import { DomainError, ErrorCode } from '@app/common';
import { companionSeats, layoutPreview, parseSeatLayout } from './seat-layout';

function problem(layout: unknown): string {
  try {
    parseSeatLayout(layout);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.ValidationFailed);
    return (error as DomainError).message;
  }
  throw new Error('expected the layout to be refused');
}

describe('parseSeatLayout', () => {
  it('numbers seats left to right ignoring gaps and keeps grid columns', () => {
    const parsed = parseSeatLayout(['ss_ss', 'pp_pp']);
    expect(parsed.rows).toBe(2);
    expect(parsed.columns).toBe(5);
    expect(parsed.seats.map((seat) => [seat.label, seat.rowIndex, seat.number, seat.col, seat.kind])).toEqual([
      ['A1', 0, 1, 0, 'standard'],
      ['A2', 0, 2, 1, 'standard'],
      ['A3', 0, 3, 3, 'standard'],
      ['A4', 0, 4, 4, 'standard'],
      ['B1', 1, 1, 0, 'premium'],
      ['B2', 1, 2, 1, 'premium'],
      ['B3', 1, 3, 3, 'premium'],
      ['B4', 1, 4, 4, 'premium'],
    ]);
    expect(parsed.counts).toEqual({ standard: 4, premium: 4, wheelchair: 0 });
  });

  it('makes seats across an aisle non-adjacent (col differs by more than 1)', () => {
    const [, second, third] = parseSeatLayout(['ss_s']).seats;
    expect(second.number + 1).toBe(third.number);
    expect(third.col - second.col).toBe(2);
  });

  it('reads wheelchair places and leading gaps', () => {
    const parsed = parseSeatLayout(['__ww', 'sss']);
    expect(parsed.seats[0]).toMatchObject({ label: 'A1', col: 2, kind: 'wheelchair' });
    expect(parsed.counts.wheelchair).toBe(2);
    expect(parsed.columns).toBe(4);
  });

  it('gives letters only to rows with seats; a walkway keeps its grid row', () => {
    const parsed = parseSeatLayout(['sss', '___', 'sss']);
    expect(parsed.rows).toBe(3);
    expect(parsed.seats.filter((seat) => seat.rowLabel === 'B').map((seat) => seat.rowIndex)).toEqual([2, 2, 2]);
    expect(parsed.seats.some((seat) => seat.rowIndex === 1)).toBe(false);
  });

  it('labels 26 rows A to Z without skipping I or O', () => {
    const parsed = parseSeatLayout(Array(26).fill('s'));
    expect(parsed.seats.map((seat) => seat.rowLabel).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('accepts a 60-wide row', () => {
    expect(parseSeatLayout(['s'.repeat(60)]).seats).toHaveLength(60);
  });

  it('refuses too few or too many rows', () => {
    expect(problem([])).toBe('layout must have 1 to 26 rows, got 0');
    expect(problem(Array(27).fill('s'))).toBe('layout must have 1 to 26 rows, got 27');
    expect(problem('sss')).toBe('layout must have 1 to 26 rows, got no list');
  });

  it('refuses rows that are too wide or empty', () => {
    expect(problem(['s', 's'.repeat(61)])).toBe(
      'layout row 2 must be 1 to 60 characters wide, got 61 (use _ for a walkway)',
    );
    expect(problem(['s', ''])).toContain('row 2 must be 1 to 60 characters wide, got 0');
  });

  it('refuses unknown characters naming the row and column', () => {
    expect(problem(['sss', 'ssxs'])).toBe(
      'layout row 2 has "x" at column 3; use s (standard), p (premium), w (wheelchair) or _ (gap)',
    );
    expect(problem(['S'])).toContain('"S" at column 1');
    expect(problem(['s s'])).toContain('" " at column 2');
  });

  it('refuses non-string rows', () => {
    expect(problem(['ss', 3])).toBe('layout row 2 must be a string');
  });

  it('refuses a layout without seats', () => {
    expect(problem(['___', '_'])).toBe('layout has no seats; use s, p or w for seats');
  });

  it('reports the problem in details naming the field', () => {
    try {
      parseSeatLayout(['q']);
      throw new Error('not refused');
    } catch (error) {
      expect((error as DomainError).details).toEqual({
        fields: [{ field: 'layout', problems: [expect.stringContaining('"q"')] }],
      });
    }
  });
});

describe('layoutPreview', () => {
  it('draws the screen, rows with letters, gaps and a legend', () => {
    expect(layoutPreview(['ww_ss', '_____', 'pp_pp'])).toBe(
      [
        '   =SCREEN==', // 5 columns are 9 characters wide; the title is centred in them
        'A  W W   o o  A',
        '',
        'B  P P   P P  B',
        '8 seats: o standard 2, P premium 4, W wheelchair 2',
      ].join('\n'),
    );
  });

  it('refuses what parseSeatLayout refuses', () => {
    expect(() => layoutPreview(['x'])).toThrow(DomainError);
  });
});

describe('companionSeats', () => {
  const seats = (layout: string[]) => parseSeatLayout(layout).seats.map((seat, index) => ({ ...seat, id: index + 1 }));
  const byLabel = (placed: ReturnType<typeof seats>) => (label: string) => placed.find((s) => s.label === label)!.id;

  it('gives each wheelchair space the seat beside it, right first, never twice, never a wheelchair space', () => {
    const placed = seats(['wsw_', 'sw__', 'ww_s', 'w_s']);
    const id = byLabel(placed);
    const companions = companionSeats(placed);
    expect(companions.get(id('A1'))).toBe(id('A2'));
    expect(companions.has(id('A3'))).toBe(false); // A2 is A1's; A3 has no other neighbour
    expect(companions.get(id('B2'))).toBe(id('B1')); // nothing on the right: the left-hand seat
    expect(companions.has(id('C1'))).toBe(false);
    expect(companions.has(id('C2'))).toBe(false); // only a gap beside it
    expect(companions.has(id('D1'))).toBe(false);
    expect(companions.size).toBe(2);
  });
});
