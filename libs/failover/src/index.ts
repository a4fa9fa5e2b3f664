export * from './failover.module';
export * from './failover.entities';
export * from './failover.types';
export * from './epoch-message';
export * from './primary-failover';
export * from './entities/database-failover.entity';
