import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A film in the catalogue, keyed by its TMDB id (TMDB API v3 `/movie/{id}`). */
@Entity('movie')
export class Movie {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Index('uq_movie_tmdb_id', { unique: true })
  @Column({ name: 'tmdb_id', type: 'int' })
  tmdbId!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'original_title', type: 'varchar', length: 300 })
  originalTitle!: string;

  @Column({ name: 'original_language', type: 'varchar', length: 12, nullable: true })
  originalLanguage!: string | null;

  @Column({ type: 'text', nullable: true })
  overview!: string | null;

  @Column({ name: 'poster_path', type: 'varchar', length: 200, nullable: true })
  posterPath!: string | null;

  @Column({ name: 'release_date', type: 'varchar', length: 10, nullable: true })
  releaseDate!: string | null;

  /** Length in minutes; null when TMDB does not know it (0 or null there). */
  @Column({ name: 'runtime_min', type: 'int', nullable: true })
  runtimeMin!: number | null;

  @Column({ type: 'simple-json' })
  genres!: string[];

  @Column({ type: 'double', default: 0 })
  popularity!: number;

  @Column({ name: 'vote_average', type: 'double', default: 0 })
  voteAverage!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
