import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../column-types';

/**
 * The cluster's database epoch: one row (id 1), written only on the primary by the failover
 * (and its heartbeat), and replicated like any row, so every server knows the newest epoch it has
 * seen and which server was made primary for it. A node writes only while the server it writes to
 * carries the node's epoch and is writable (see DatabaseService.transaction). No row: epoch 0,
 * the primary is `DATABASE_URL`.
 */
@Entity('cluster_meta')
export class ClusterMeta {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  epoch!: number;

  @Column({ name: 'primary_host', type: 'varchar', length: 255, nullable: true })
  primaryHost!: string | null;

  @Column({ name: 'primary_port', type: 'int', nullable: true })
  primaryPort!: number | null;

  /** Epoch ms when the epoch last changed. */
  @Column({ name: 'changed_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  changedAt!: number | null;

  /** Epoch ms on the primary's clock at its last heartbeat; replicas' lag is their clock minus this. */
  @Column({ name: 'heartbeat_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  heartbeatAt!: number | null;
}
