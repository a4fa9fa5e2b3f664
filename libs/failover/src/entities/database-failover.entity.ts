import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@app/database';

/** One promotion of a replica to primary, written on the new primary (so it replicates). */
@Entity('database_failover')
@Index('ix_database_failover_epoch', ['epoch'])
export class DatabaseFailover {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The epoch the promotion started. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  epoch!: number;

  /** `host:port` of the primary given up (null: none was known). */
  @Column({ name: 'previous_primary', type: 'varchar', length: 300, nullable: true })
  previousPrimary!: string | null;

  /** `host:port` of the promoted server. */
  @Column({ name: 'new_primary', type: 'varchar', length: 300 })
  newPrimary!: string;

  /** The promoted server's GTID position when it took over. */
  @Column({ type: 'varchar', length: 500 })
  gtid!: string;

  @Column({ type: 'varchar', length: 300 })
  reason!: string;

  /** The cluster node that ran the promotion (the leader), if it said. */
  @Column({ name: 'leader_node_id', type: 'int', nullable: true })
  leaderNodeId!: number | null;

  /** Epoch ms: the promotion's start and end. */
  @Column({ name: 'started_at', type: 'bigint', transformer: bigintAsNumber })
  startedAt!: number;

  @Column({ name: 'finished_at', type: 'bigint', transformer: bigintAsNumber })
  finishedAt!: number;

  /** JSON: the candidates with their positions, the replicas repointed, the servers skipped. */
  @Column({ type: 'text' })
  details!: string;
}
