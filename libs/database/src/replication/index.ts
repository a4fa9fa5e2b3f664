export * from './database-server';
export * from './gtid';
export * from './primary-endpoint';
export * from './primary-endpoint.module';
export * from './primary-failover.service';
export * from './replication.types';
export * from './entities/cluster-meta.entity';
export * from './entities/database-failover.entity';
