import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '@app/common';
import { databaseOptions, EntityList } from './database.options';
import { DatabaseService } from './database.service';
import { PrimaryEndpoint } from './replication/primary-endpoint';
import { PrimaryEndpointModule } from './replication/primary-endpoint.module';
import { PrimaryFailover } from './replication/primary-failover.service';

/**
 * The database connection for the whole process. Apps pass the entity list of the libs they
 * load; migrations are not run here (see {@link migrateWithLock}). With `DATABASE_REPLICA_URLS`,
 * writes go through the node-local {@link PrimaryEndpoint} and reads may go to replicas
 * ({@link DatabaseService.read}); {@link PrimaryFailover} is what the cluster leader drives.
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
          inject: [AppConfigService, PrimaryEndpoint],
          useFactory: (config: AppConfigService, endpoint: PrimaryEndpoint) => ({
            ...databaseOptions(
              {
                databaseUrl: config.get('DATABASE_URL'),
                sqlitePath: config.get('SQLITE_PATH'),
                poolSize: config.get('DATABASE_POOL_SIZE'),
                replication: endpoint.enabled
                  ? { writeUrl: endpoint.writeUrl(), replicaUrls: config.get('DATABASE_REPLICA_URLS') }
                  : undefined,
              },
              entities,
            ),
            migrationsRun: false,
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
        }),
      ],
      providers: [DatabaseService, PrimaryFailover],
      exports: [DatabaseService, PrimaryFailover, PrimaryEndpointModule],
    };
  }
}
