import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A cinema building with one or more screens. */
@Entity('theater')
export class Theater {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Index('uq_theater_name', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  city!: string | null;

  /** The showtimes API's cinema id for an imported theater; null for one an admin made. */
  @Index('uq_theater_source_id', { unique: true })
  @Column({ name: 'source_id', type: 'varchar', length: 40, nullable: true })
  sourceId!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null;

  /** IANA zone of the theater's wall clock (from its location); null: CINEMA_TIME_ZONE. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** When an import last found it missing upstream (kept, flagged for the admin); null while listed. */
  @Column({ name: 'vanished_at', type: 'datetime', nullable: true })
  vanishedAt!: Date | null;

  /** The admin's prices for imported shows, integer cents: standard and wheelchair seats; null: the default. */
  @Column({ name: 'price_cents', type: 'int', nullable: true })
  priceCents!: number | null;

  /** The admin's price of premium seats for imported shows, integer cents; null: the default. */
  @Column({ name: 'premium_price_cents', type: 'int', nullable: true })
  premiumPriceCents!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
