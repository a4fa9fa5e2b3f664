/** A seat as the selector sees it: grid position and kind. */
export interface SelectableSeat {
  id: number;
  rowIndex: number;
  col: number;
  kind: string;
}

/** The layout's extent: number of rows and of grid columns (gaps included). */
export interface GridSize {
  rows: number;
  columns: number;
}

/**
 * Picks `count` seats for a book-by-count request: the best block of seats side by side in one
 * row (same row, consecutive grid columns, no aisle between), best meaning nearest the middle of
 * the auditorium — horizontal distance of the block's centre from the centre column, plus the row's
 * distance from the middle row (rows weigh double: moving along a row costs less than moving back).
 * Wheelchair places are left for those who need them unless nothing else fits.
 * When no row has `count` adjacent seats, the best individual seats by the same measure.
 * Returns seat ids, or undefined when fewer than `count` seats are available. Pure; O(n log n).
 */
export function pickBestSeats(available: SelectableSeat[], count: number, grid: GridSize): number[] | undefined {
  if (count < 1 || available.length < count) return undefined;
  const regular = available.filter((seat) => seat.kind !== 'wheelchair');
  for (const pool of regular.length >= count ? [regular, available] : [available]) {
    const block = bestBlock(pool, count, grid);
    if (block) return block;
  }
  return [...(regular.length >= count ? regular : available)]
    .sort((a, b) => score(a.rowIndex, a.col, grid) - score(b.rowIndex, b.col, grid) || a.id - b.id)
    .slice(0, count)
    .map((seat) => seat.id);
}

function bestBlock(seats: SelectableSeat[], count: number, grid: GridSize): number[] | undefined {
  const rows = new Map<number, SelectableSeat[]>();
  for (const seat of seats) {
    const row = rows.get(seat.rowIndex) ?? [];
    row.push(seat);
    rows.set(seat.rowIndex, row);
  }
  let best: { score: number; ids: number[] } | undefined;
  for (const [rowIndex, row] of rows) {
    row.sort((a, b) => a.col - b.col);
    let runStart = 0;
    for (let i = 0; i < row.length; i++) {
      if (i > 0 && row[i].col !== row[i - 1].col + 1) runStart = i;
      if (i - runStart + 1 >= count) {
        const block = row.slice(i - count + 1, i + 1);
        const centre = (block[0].col + block[block.length - 1].col) / 2;
        const candidate = score(rowIndex, centre, grid);
        if (!best || candidate < best.score) best = { score: candidate, ids: block.map((seat) => seat.id) };
      }
    }
  }
  return best?.ids;
}

function score(rowIndex: number, col: number, grid: GridSize): number {
  const middleRow = (grid.rows - 1) / 2;
  const middleCol = (grid.columns - 1) / 2;
  return Math.abs(col - middleCol) + 2 * Math.abs(rowIndex - middleRow);
}
