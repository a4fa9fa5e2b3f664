import { InvalidInput } from '@app/common';
import type { SeatKind } from '../entities/seat.entity';

/** Most rows a layout may have (one letter A–Z per row). */
export const MAX_LAYOUT_ROWS = 26;

/** Most characters (seats and gaps) in one layout row. */
export const MAX_LAYOUT_WIDTH = 60;

const KIND_OF: Record<string, SeatKind | null> = { s: 'standard', p: 'premium', w: 'wheelchair', _: null };

/** One seat placed by a layout. */
export interface LayoutSeat {
  /** Row letter: A for the first row that has seats, then B, C, … */
  rowLabel: string;
  /** 0-based index of the layout line (walkway lines included), from the screen backwards. */
  rowIndex: number;
  /** 1-based number within the row, left to right, gaps not counted. */
  number: number;
  /** 0-based grid column, gaps included: seats are side by side iff same row and cols differ by 1. */
  col: number;
  kind: SeatKind;
  /** `rowLabel` + `number`, e.g. `C7`. */
  label: string;
}

/** A validated layout: its seats in row then column order, and counts. */
export interface ParsedLayout {
  /** Number of layout lines (walkways included). */
  rows: number;
  /** Widest line, in grid columns. */
  columns: number;
  seats: LayoutSeat[];
  counts: Record<SeatKind, number>;
}

/**
 * Parses a seat layout: one string per row from the screen backwards, `s` standard, `p` premium,
 * `w` wheelchair place, `_` a gap (aisle). Rows may differ in width (a fan-shaped room).
 *
 * Row letters go to the rows that hold seats, in order, A to Z. Unlike some cinemas we do not skip
 * I and O: with at most 26 rows every row gets one letter, and a label's letter is its position,
 * which keeps labels predictable for the CLI. A line made only of gaps is a walkway: it keeps its
 * place in the grid (`rowIndex`) but gets no letter.
 *
 * @throws InvalidInput (400, field `layout`) unless the layout has 1..26 rows, every row is 1..60
 * characters from `s p w _`, and there is at least one seat.
 */
export function parseSeatLayout(layout: unknown): ParsedLayout {
  if (!Array.isArray(layout) || layout.length < 1 || layout.length > MAX_LAYOUT_ROWS) {
    const got = Array.isArray(layout) ? `${layout.length}` : 'no list';
    throw new InvalidInput('layout', `must have 1 to ${MAX_LAYOUT_ROWS} rows, got ${got}`);
  }
  const seats: LayoutSeat[] = [];
  const counts: Record<SeatKind, number> = { standard: 0, premium: 0, wheelchair: 0 };
  let columns = 0;
  let letters = 0;
  layout.forEach((row: unknown, rowIndex) => {
    const line = rowIndex + 1;
    if (typeof row !== 'string') throw new InvalidInput('layout', `row ${line} must be a string`);
    if (row.length < 1 || row.length > MAX_LAYOUT_WIDTH) {
      throw new InvalidInput(
        'layout',
        `row ${line} must be 1 to ${MAX_LAYOUT_WIDTH} characters wide, got ${row.length} (use _ for a walkway)`,
      );
    }
    columns = Math.max(columns, row.length);
    const rowSeats: LayoutSeat[] = [];
    const rowLabel = String.fromCharCode(65 + letters);
    [...row].forEach((char, col) => {
      if (!(char in KIND_OF)) {
        throw new InvalidInput(
          'layout',
          `row ${line} has "${char}" at column ${col + 1}; use s (standard), p (premium), w (wheelchair) or _ (gap)`,
        );
      }
      const kind = KIND_OF[char];
      if (!kind) return;
      const number = rowSeats.length + 1;
      rowSeats.push({ rowLabel, rowIndex, number, col, kind, label: `${rowLabel}${number}` });
      counts[kind]++;
    });
    if (rowSeats.length) letters++;
    seats.push(...rowSeats);
  });
  if (!seats.length) throw new InvalidInput('layout', 'has no seats; use s, p or w for seats');
  return { rows: layout.length, columns, seats, counts };
}

const SYMBOL: Record<SeatKind, string> = { standard: 'o', premium: 'P', wheelchair: 'W' };

/**
 * A plain-text picture of a layout for admins (monospace): the screen on top, one line per row
 * with its letter on both sides, `o` standard, `P` premium, `W` wheelchair, blanks for gaps, and a
 * legend with the counts. @throws InvalidInput like {@link parseSeatLayout}.
 */
export function layoutPreview(layout: unknown): string {
  const parsed = parseSeatLayout(layout);
  const width = parsed.columns * 2 - 1;
  const byRow = new Map<number, LayoutSeat[]>();
  for (const seat of parsed.seats) byRow.set(seat.rowIndex, [...(byRow.get(seat.rowIndex) ?? []), seat]);
  const side = Math.max(0, width - 'SCREEN'.length);
  const lines = [`   ${'='.repeat(Math.floor(side / 2))}SCREEN${'='.repeat(Math.ceil(side / 2))}`];
  for (let rowIndex = 0; rowIndex < parsed.rows; rowIndex++) {
    const rowSeats = byRow.get(rowIndex) ?? [];
    const cells = Array<string>(parsed.columns).fill(' ');
    for (const seat of rowSeats) cells[seat.col] = SYMBOL[seat.kind];
    const label = rowSeats[0]?.rowLabel ?? ' ';
    lines.push(`${label.padEnd(3)}${cells.join(' ')}  ${label}`.trimEnd());
  }
  const { standard, premium, wheelchair } = parsed.counts;
  lines.push(`${parsed.seats.length} seats: o standard ${standard}, P premium ${premium}, W wheelchair ${wheelchair}`);
  return lines.join('\n');
}

/** A seat's place, enough to find neighbours: `{ id, rowIndex, col, kind }`. */
export interface PlacedSeat {
  id: number;
  rowIndex: number;
  col: number;
  kind: string;
}

/**
 * Companion seats of wheelchair spaces (seats.io's model): each wheelchair space gets the
 * non-wheelchair seat right beside it in its row — the right-hand one, else the left-hand one —
 * that no other space claimed first (spaces taken left to right). A space with no such neighbour
 * (e.g. `ww_`) has no companion. Booking the space and its companion in one request is all or
 * nothing like any request. Returns wheelchair seat id → companion seat id.
 */
export function companionSeats(seats: PlacedSeat[]): Map<number, number> {
  const at = new Map(seats.map((seat) => [`${seat.rowIndex}:${seat.col}`, seat]));
  const claimed = new Set<number>();
  const companions = new Map<number, number>();
  const spaces = seats
    .filter((seat) => seat.kind === 'wheelchair')
    .sort((a, b) => a.rowIndex - b.rowIndex || a.col - b.col);
  for (const space of spaces) {
    for (const col of [space.col + 1, space.col - 1]) {
      const neighbour = at.get(`${space.rowIndex}:${col}`);
      if (!neighbour || neighbour.kind === 'wheelchair' || claimed.has(neighbour.id)) continue;
      claimed.add(neighbour.id);
      companions.set(space.id, neighbour.id);
      break;
    }
  }
  return companions;
}
