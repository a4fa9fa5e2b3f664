import { Show } from '@app/catalog';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { bigintAsNumber } from '@app/database';

/** Lifecycle of a hold; an `active` hold past `expiresAt` counts as expired. */
export type HoldState = 'active' | 'confirmed' | 'released' | 'expired';

/** Seats of a show set aside for one customer until `expiresAt` (epoch ms). The id is the token. */
@Entity('hold')
@Index('ix_hold_show', ['showId'])
@Index('ix_hold_email_expires', ['customerEmail', 'expiresAt'])
@Index('ix_hold_client_expires', ['clientAddress', 'expiresAt'])
export class Hold {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'show_id', type: 'int' })
  showId!: number;

  @Column({ name: 'customer_name', type: 'varchar', length: 100 })
  customerName!: string;

  @Column({ name: 'customer_email', type: 'varchar', length: 254 })
  customerEmail!: string;

  /** The address the hold was asked from (as `clientAddress` reads it), for the per-client cap; null before it was recorded. */
  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;

  /** Ticket type per seat (seat id → ticket type id) the customer chose; seats not listed take the default type. */
  @Column({ name: 'ticket_types', type: 'simple-json', nullable: true })
  ticketTypes!: Record<string, number> | null;

  @Column({ name: 'seat_count', type: 'int' })
  seatCount!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintAsNumber })
  expiresAt!: number;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  state!: HoldState;

  @Column({ name: 'booking_id', type: 'int', nullable: true })
  bookingId!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @ManyToOne(() => Show, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'show_id', foreignKeyConstraintName: 'fk_hold_show' })
  show?: Show;
}
