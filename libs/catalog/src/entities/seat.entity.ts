import { Screen } from './screen.entity';
import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/** Seat kinds a layout can hold. */
export type SeatKind = 'standard' | 'premium' | 'wheelchair';

/** A physical seat of a screen: row label (A, B, …), number within the row, kind and grid position. */
@Entity('seat')
@Index('uq_seat_screen_row_number', ['screenId', 'rowLabel', 'number'], { unique: true })
export class Seat {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'screen_id', type: 'int' })
  screenId!: number;

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
