import { pickBestSeats, SelectableSeat } from './best-seats';

/** Builds seats from layout rows: `s` seat, `w` wheelchair, `x` taken, `_` gap. Ids are row*100+col. */
function seatsOf(rows: string[]): { seats: SelectableSeat[]; grid: { rows: number; columns: number } } {
  const seats: SelectableSeat[] = [];
  rows.forEach((line, rowIndex) =>
    [...line].forEach((cell, col) => {
      if (cell === 's' || cell === 'w')
        seats.push({ id: rowIndex * 100 + col, rowIndex, col, kind: cell === 'w' ? 'wheelchair' : 'standard' });
    }),
  );
  return { seats, grid: { rows: rows.length, columns: Math.max(...rows.map((row) => row.length)) } };
}

describe('pickBestSeats', () => {
  it('picks a block side by side in the middle row, centred', () => {
    const { seats, grid } = seatsOf(['sssssss', 'sssssss', 'sssssss']);
    expect(pickBestSeats(seats, 3, grid)).toEqual([102, 103, 104]);
  });

  it('never spans an aisle gap', () => {
    const { seats, grid } = seatsOf(['xxxxxxx', 'ss_ss_s', 'xxxxxxx']);
    expect(pickBestSeats(seats, 2, grid)).toEqual([103, 104]);
    // No three seats side by side: the three best single seats, nearest the centre column first.
    expect(pickBestSeats(seats, 3, grid)).toEqual([103, 104, 101]);
  });

  it('moves to another row when the middle row has no block big enough', () => {
    const { seats, grid } = seatsOf(['sssss', 'sxsxs', 'sssss', 'sssss']);
    const picked = pickBestSeats(seats, 3, grid)!;
    expect(picked.every((id) => Math.floor(id / 100) === Math.floor(picked[0] / 100))).toBe(true);
    expect(Math.floor(picked[0] / 100)).toBe(2);
  });

  it('leaves wheelchair places for last', () => {
    const { seats, grid } = seatsOf(['ssss', 'swws', 'ssss']);
    expect(pickBestSeats(seats, 2, grid)!.some((id) => id === 101 || id === 102)).toBe(false);
  });

  it('falls back to the best single seats when no row has the block', () => {
    const { seats, grid } = seatsOf(['sxs', 'xsx', 'sxs']);
    const picked = pickBestSeats(seats, 2, grid)!;
    expect(picked).toHaveLength(2);
    expect(picked).toContain(101);
  });

  it('answers undefined when fewer seats are available than asked', () => {
    const { seats, grid } = seatsOf(['sx', 'xs']);
    expect(pickBestSeats(seats, 3, grid)).toBeUndefined();
    expect(pickBestSeats(seats, 0, grid)).toBeUndefined();
  });

  it('returns distinct available seats for every count up to all of them', () => {
    const { seats, grid } = seatsOf(['ss_ssss_ss', 'ss_sxss_ss', 'ww_ssss_ss']);
    const ids = new Set(seats.map((seat) => seat.id));
    for (let count = 1; count <= seats.length; count++) {
      const picked = pickBestSeats(seats, count, grid)!;
      expect(new Set(picked).size).toBe(count);
      expect(picked.every((id) => ids.has(id))).toBe(true);
    }
  });
});
