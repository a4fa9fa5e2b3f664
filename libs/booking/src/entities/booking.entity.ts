import { Show } from '@app/catalog';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { bigintAsNumber, jsonText } from '@app/database';
import type { VectorTimestamp } from '@app/cluster';

export type BookingState = 'confirmed' | 'cancelled';

/**
 * A confirmed purchase of seats of one show. `(lamportTs, nodeId)` orders it among the cluster's
 * writes (Lamport 1978); `idempotencyKey` makes a retried request return this booking.
 */
@Entity('booking')
@Index('ix_booking_show', ['showId'])
@Index('ix_booking_email', ['customerEmail'])
export class Booking {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Index('uq_booking_code', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ name: 'show_id', type: 'int' })
  showId!: number;

  @Column({ name: 'customer_name', type: 'varchar', length: 100 })
  customerName!: string;

  @Column({ name: 'customer_email', type: 'varchar', length: 254 })
  customerEmail!: string;

  @Column({ name: 'seat_count', type: 'int' })
  seatCount!: number;

  @Column({ name: 'total_cents', type: 'int' })
  totalCents!: number;

  /** ISO 4217 currency of the amounts, the theater's when booked; null on bookings made before ticket types. */
  @Column({ name: 'currency_code', type: 'varchar', length: 3, nullable: true })
  currencyCode!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'confirmed' })
  state!: BookingState;

  @Column({ name: 'lamport_ts', type: 'bigint', transformer: bigintAsNumber })
  lamportTs!: number;

  @Column({ name: 'node_id', type: 'int' })
  nodeId!: number;

  /** Its vector timestamp (Fidge/Mattern 1988): tells which writes it causally follows. Null for rows from before vector clocks. */
  @Column({ name: 'vector_clock', type: 'text', nullable: true, transformer: jsonText })
  vectorClock!: VectorTimestamp | null;

  @Index('uq_booking_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request that made it, to refuse a key reused for a different request. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash!: string | null;

  @Index('uq_booking_hold', { unique: true })
  @Column({ name: 'hold_id', type: 'varchar', length: 36, nullable: true })
  holdId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'cancelled_at', type: 'datetime', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_lamport_ts', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  cancelLamportTs!: number | null;

  @Column({ name: 'cancel_node_id', type: 'int', nullable: true })
  cancelNodeId!: number | null;

  @Column({ name: 'cancel_vector_clock', type: 'text', nullable: true, transformer: jsonText })
  cancelVectorClock!: VectorTimestamp | null;

  @ManyToOne(() => Show, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'show_id', foreignKeyConstraintName: 'fk_booking_show' })
  show?: Show;
}
