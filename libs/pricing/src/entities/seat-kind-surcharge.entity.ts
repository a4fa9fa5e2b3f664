import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a seat kind (premium, wheelchair, …) adds to a ticket type's price in one theater,
 * integer cents. Without a row, `premium` adds the show's premium price minus its price (how
 * premium seats were priced before ticket types) and other kinds add nothing.
 */
@Entity('seat_kind_surcharge')
export class SeatKindSurcharge {
  @PrimaryColumn({ name: 'theater_id', type: 'int' })
  theaterId!: number;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  kind!: string;

  @Column({ name: 'surcharge_cents', type: 'int' })
  surchargeCents!: number;
}
