import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A ticket type of a theater (Adult, Child, Senior, …) with its price in integer cents. A null
 * `priceCents` means "the show's own price" (the default Adult type every theater starts with,
 * so shows keep the prices the scheduler or an admin gave them). Types are never deleted once
 * sold: `active = false` hides them from new sales; bookings keep the name and price they paid.
 */
@Entity('ticket_type')
@Index('uq_ticket_type_theater_name', ['theaterId', 'name'], { unique: true })
export class TicketType {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'theater_id', type: 'int' })
  theaterId!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ name: 'price_cents', type: 'int', nullable: true })
  priceCents!: number | null;

  /** Sort order on pages and the default type: the lowest active position is the default. */
  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
