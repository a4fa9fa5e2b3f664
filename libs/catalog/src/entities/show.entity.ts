import { Movie } from './movie.entity';
import { Screen } from './screen.entity';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/** A screening: movie on a screen from `startsAt` to `endsAt` (UTC), prices in integer cents. */
@Entity('show')
@Index('ix_show_screen_starts', ['screenId', 'startsAt'])
@Index('ix_show_movie_starts', ['movieId', 'startsAt'])
export class Show {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'movie_id', type: 'int' })
  movieId!: number;

  @Column({ name: 'screen_id', type: 'int' })
  screenId!: number;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt!: Date;

  /** End of the screening including trailers; the screen is then cleaned before the next show. */
  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt!: Date;

  @Column({ name: 'price_cents', type: 'int' })
  priceCents!: number;

  @Column({ name: 'premium_price_cents', type: 'int' })
  premiumPriceCents!: number;

  /** True when the scheduler made it (it may re-plan it while it has no bookings). */
  @Column({ type: 'boolean', default: false })
  generated!: boolean;

  /** The showtimes API's showtime id for an imported show; null otherwise. */
  @Index('uq_show_source_id', { unique: true })
  @Column({ name: 'source_id', type: 'varchar', length: 40, nullable: true })
  sourceId!: string | null;

  /** Spoken language (ISO 639-1, e.g. `en`) of an imported show; null when unknown. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  language!: string | null;

  /** Subtitle language (ISO 639-1) of an imported show; null: none or unknown. */
  @Column({ name: 'subtitle_language', type: 'varchar', length: 12, nullable: true })
  subtitleLanguage!: string | null;

  /** Presentation attributes, e.g. `["3D", "IMAX", "OV"]` (empty for none). */
  @Column({ type: 'simple-json', nullable: true })
  attributes!: string[] | null;

  /** The source's booking page of the showtime, when it has one. */
  @Column({ name: 'booking_link', type: 'varchar', length: 500, nullable: true })
  bookingLink!: string | null;

  /** When the showtime vanished upstream while the show had bookings (kept for the admin); null otherwise. */
  @Column({ name: 'cancelled_upstream_at', type: 'datetime', nullable: true })
  cancelledUpstreamAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @ManyToOne(() => Movie, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movie_id', foreignKeyConstraintName: 'fk_show_movie' })
  movie?: Movie;

  @ManyToOne(() => Screen, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'screen_id', foreignKeyConstraintName: 'fk_show_screen' })
  screen?: Screen;
}
