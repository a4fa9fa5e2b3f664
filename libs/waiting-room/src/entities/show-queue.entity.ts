import { Show } from '@app/catalog';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@app/database';

/** How a show's sale meets its customers: no queue, always through the waiting room, or only under a rush. */
export type QueueMode = 'off' | 'always' | 'auto';

/** The queue modes, for validation and OpenAPI. */
export const QUEUE_MODES: QueueMode[] = ['off', 'always', 'auto'];

/**
 * The waiting-room settings of one show (a show without a row has the queue off). Owned by
 * libs/waiting-room; the row goes with its show (ON DELETE CASCADE).
 */
@Entity('show_queue')
export class ShowQueue {
  @PrimaryColumn({ name: 'show_id', type: 'int' })
  showId!: number;

  @OneToOne(() => Show, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'show_id', foreignKeyConstraintName: 'fk_show_queue_show' })
  show?: Show;

  @Column({ name: 'queue_mode', type: 'varchar', length: 8, default: 'off' })
  queueMode!: QueueMode;

  /** Epoch ms when the sale opens; null: open already (arrivals are first come, first served). */
  @Column({ name: 'on_sale_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  onSaleAt!: number | null;

  /** Customers let through per minute, cluster-wide. */
  @Column({ name: 'admission_rate_per_min', type: 'int' })
  admissionRatePerMin!: number;

  /** Seconds an admitted customer has to pick seats (the admission token's lifetime). */
  @Column({ name: 'pick_window_s', type: 'int' })
  pickWindowS!: number;
}
