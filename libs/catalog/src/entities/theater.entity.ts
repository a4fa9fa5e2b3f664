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

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
