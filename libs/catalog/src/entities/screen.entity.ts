import { Theater } from './theater.entity';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/**
 * An auditorium of a theater. `layout` is the seat layout text, one string per row from the
 * screen backwards: `s` standard, `p` premium, `w` wheelchair, `_` a gap (see seat-layout.ts).
 */
@Entity('screen')
@Index('uq_screen_theater_name', ['theaterId', 'name'], { unique: true })
export class Screen {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'theater_id', type: 'int' })
  theaterId!: number;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'simple-json' })
  layout!: string[];

  @Column({ name: 'seat_count', type: 'int' })
  seatCount!: number;

  /**
   * The current layout's number: its seats are the screen's seats with this `layoutVersion`. A
   * layout change adds a version, so shows created before it keep the seats (and inventory) of theirs.
   */
  @Column({ name: 'layout_version', type: 'int', default: 1 })
  layoutVersion!: number;

  /** When an import last found no showtimes in this auditorium of an imported theater (kept, flagged). */
  @Column({ name: 'vanished_at', type: 'datetime', nullable: true })
  vanishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @ManyToOne(() => Theater, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'theater_id', foreignKeyConstraintName: 'fk_screen_theater' })
  theater?: Theater;
}
