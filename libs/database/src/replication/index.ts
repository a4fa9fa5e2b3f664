export * from './database-server';
export * from './cluster-meta.sql';
export * from './sql-link';
export * from './primary-endpoint';
export * from './primary-endpoint.module';
export * from './entities/cluster-meta.entity';
