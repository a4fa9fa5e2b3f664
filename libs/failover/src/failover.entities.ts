import { DatabaseFailover } from './entities/database-failover.entity';

/** The table libs/failover owns: the history of promotions. (`cluster_meta`, the epoch, is libs/database's.) */
export const FAILOVER_ENTITIES = [DatabaseFailover];
