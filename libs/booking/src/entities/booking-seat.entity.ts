import { Booking } from './booking.entity';
import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/** A seat of a booking with the price paid for it (integer cents), kept after cancellation. */
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

  @Column({ name: 'price_cents', type: 'int' })
  priceCents!: number;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'fk_booking_seat_booking' })
  booking?: Booking;
}
