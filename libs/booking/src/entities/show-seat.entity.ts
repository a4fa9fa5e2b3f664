import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Seat, Show } from '@app/catalog';
import { bigintAsNumber } from '@app/database';

/** Stored state of a seat for a show. A `held` row whose `heldUntil` has passed is available. */
export type ShowSeatState = 'available' | 'held' | 'booked';

/**
 * One row per seat per show, created with the show (the seat inventory, libs/booking's table). Its
 * state changes only through conditional UPDATEs (SeatInventoryRepository; invariant 1 in DESIGN.md);
 * the catalogue reaches it only through the ShowSeatInventory port (ShowInventoryRepository).
 */
@Entity('show_seat')
@Index('uq_show_seat', ['showId', 'seatId'], { unique: true })
@Index('ix_show_seat_hold', ['holdId'])
@Index('ix_show_seat_booking', ['bookingId'])
export class ShowSeat {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'show_id', type: 'int' })
  showId!: number;

  @Column({ name: 'seat_id', type: 'int' })
  seatId!: number;

  @Column({ type: 'varchar', length: 10, default: 'available' })
  state!: ShowSeatState;

  @Column({ name: 'hold_id', type: 'varchar', length: 36, nullable: true })
  holdId!: string | null;

  @Column({ name: 'booking_id', type: 'int', nullable: true })
  bookingId!: number | null;

  /** Epoch milliseconds after which a hold on this seat has lapsed. */
  @Column({ name: 'held_until', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  heldUntil!: number | null;

  @Column({ type: 'int', default: 0 })
  version!: number;

  @ManyToOne(() => Show, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'show_id', foreignKeyConstraintName: 'fk_show_seat_show' })
  show?: Show;

  @ManyToOne(() => Seat, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seat_id', foreignKeyConstraintName: 'fk_show_seat_seat' })
  seat?: Seat;
}
