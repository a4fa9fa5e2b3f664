import { ClusterMeta } from './replication/entities/cluster-meta.entity';

/** The table libs/database owns: the epoch the write endpoint is fenced by (written by libs/failover). */
export const DATABASE_ENTITIES = [ClusterMeta];
