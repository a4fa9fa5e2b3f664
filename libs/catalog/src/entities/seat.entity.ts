import { Screen } from './screen.entity';
import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/** Seat kinds a layout can hold. */
export type SeatKind = 'standard' | 'premium' | 'wheelchair';

/**
 * A physical seat of one layout of a screen: row label (A, B, …), number within the row, kind and
 * grid position. Seats of earlier layouts (`layoutVersion` below the screen's) stay while shows
 * created with them still use them.
 */
@Entity('seat')
@Index('uq_seat_screen_layout_row_number', ['screenId', 'layoutVersion', 'rowLabel', 'number'], { unique: true })
export class Seat {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'screen_id', type: 'int' })
  screenId!: number;

  /** The screen's layout this seat belongs to (see Screen.layoutVersion). */
  @Column({ name: 'layout_version', type: 'int', default: 1 })
  layoutVersion!: number;

  @Column({ name: 'row_label', type: 'varchar', length: 3 })
  rowLabel!: string;

  /** 0-based row index from the screen. */
  @Column({ name: 'row_index', type: 'int' })
  rowIndex!: number;

  /** 1-based seat number within the row (gaps are not numbered). */
  @Column({ type: 'int' })
  number!: number;

  /** 0-based column in the layout grid, gaps included (adjacent seats differ by 1). */
  @Column({ name: 'col', type: 'int' })
  col!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: SeatKind;

  @ManyToOne(() => Screen, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'screen_id', foreignKeyConstraintName: 'fk_seat_screen' })
  screen?: Screen;
}
