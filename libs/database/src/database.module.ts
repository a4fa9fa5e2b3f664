import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '@app/common';
import { databaseOptions, EntityList } from './database.options';
import { DatabaseService } from './database.service';

/**
 * The database connection for the whole process. Apps pass the entity list of the libs they
 * load; migrations are not run here (see {@link migrateWithLock}).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => ({
            ...databaseOptions(
              {
                databaseUrl: config.get('DATABASE_URL'),
                sqlitePath: config.get('SQLITE_PATH'),
                poolSize: config.get('DATABASE_POOL_SIZE'),
              },
              entities,
            ),
            migrationsRun: false,
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
        }),
      ],
      providers: [DatabaseService],
      exports: [DatabaseService],
    };
  }
}
