import { Seat } from './entities/seat.entity';

/** A seat as the API shows it: `{ id, label: 'F7', row: 'F', number: 7, rowIndex, col, kind }`. */
export interface SeatView {
  id: number;
  label: string;
  row: string;
  number: number;
  rowIndex: number;
  col: number;
  kind: string;
}

/** The API view of a seat; `label` is row letter + number. */
export function seatView(seat: Seat): SeatView {
  return {
    id: seat.id,
    label: `${seat.rowLabel}${seat.number}`,
    row: seat.rowLabel,
    number: seat.number,
    rowIndex: seat.rowIndex,
    col: seat.col,
    kind: seat.kind,
  };
}
