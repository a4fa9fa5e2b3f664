import { Booking } from './booking.entity';
import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/**
 * A seat of a booking with its ticket type and the price paid for it (integer cents), kept after
 * cancellation. Each row is one ticket: its id is in the ticket's signed QR code, and
 * `admittedAt`/`admittedDoor` record its one admission at the door.
 */
@Entity('booking_seat')
@Index('ix_booking_seat_booking', ['bookingId'])
export class BookingSeat {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'booking_id', type: 'int' })
  bookingId!: number;

  @Column({ name: 'seat_id', type: 'int' })
  seatId!: number;

  @Column({ type: 'varchar', length: 8 })
  label!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: string;

  /** The final price paid for the seat: ticket type price + seat-kind surcharge, integer cents. */
  @Column({ name: 'price_cents', type: 'int' })
  priceCents!: number;

  /** The ticket type sold (libs/pricing); null on seats booked before ticket types. */
  @Column({ name: 'ticket_type_id', type: 'int', nullable: true })
  ticketTypeId!: number | null;

  /** The type's name when sold, copied so a later rename or price change never alters the booking. */
  @Column({ name: 'ticket_type_name', type: 'varchar', length: 40, nullable: true })
  ticketTypeName!: string | null;

  /** What the seat's kind added to the type's price, integer cents (included in `priceCents`). */
  @Column({ name: 'surcharge_cents', type: 'int', default: 0 })
  surchargeCents!: number;

  /** When the ticket was let in at the door (the database's clock, ms precision); null: not yet. */
  @Column({ name: 'admitted_at', type: 'datetime', precision: 3, nullable: true })
  admittedAt!: Date | null;

  /** Which door let it in (free text the door page sends, e.g. `main`); null: not yet. */
  @Column({ name: 'admitted_door', type: 'varchar', length: 64, nullable: true })
  admittedDoor!: string | null;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'fk_booking_seat_booking' })
  booking?: Booking;
}
