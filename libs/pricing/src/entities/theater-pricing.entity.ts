import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A theater's currency (ISO 4217, e.g. `EUR`); a theater without a row sells in DEFAULT_CURRENCY. */
@Entity('theater_pricing')
export class TheaterPricing {
  @PrimaryColumn({ name: 'theater_id', type: 'int' })
  theaterId!: number;

  @Column({ name: 'currency_code', type: 'varchar', length: 3 })
  currencyCode!: string;
}
