import { ClusterMeta } from './replication/entities/cluster-meta.entity';
import { DatabaseFailover } from './replication/entities/database-failover.entity';

/** The tables libs/database owns: the replication epoch and the failover history. */
export const DATABASE_ENTITIES = [ClusterMeta, DatabaseFailover];
