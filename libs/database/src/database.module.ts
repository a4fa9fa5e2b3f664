import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions, EntityList } from './database.options';
import { DatabaseTopology } from './database-topology';
import { DatabaseClock } from './database-clock';
import { DatabaseService } from './database.service';
import { PrimaryEndpoint } from './replication/primary-endpoint';
import { PrimaryEndpointModule } from './replication/primary-endpoint.module';

/**
 * The database connection for the whole process. Apps pass the entity list of the libs they
 * load; migrations are not run here (see {@link migrateWithLock}). With `DATABASE_REPLICA_URLS`,
 * writes go through the node-local {@link PrimaryEndpoint} and reads may go to replicas
 * ({@link DatabaseService.read}); libs/failover moves the endpoint to a new primary.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        PrimaryEndpointModule,
        TypeOrmModule.forRootAsync({
          imports: [PrimaryEndpointModule],
          inject: [DatabaseTopology, PrimaryEndpoint],
          useFactory: (topology: DatabaseTopology, endpoint: PrimaryEndpoint) => ({
            ...databaseOptions(topology, entities, endpoint.enabled ? endpoint.writeAddress() : undefined),
            migrationsRun: false,
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
        }),
      ],
      providers: [DatabaseService, DatabaseClock],
      exports: [DatabaseService, DatabaseClock, PrimaryEndpointModule],
    };
  }
}
