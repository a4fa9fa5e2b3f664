import { Module } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { DatabaseTopology } from './database-topology';

/** Provides the {@link DatabaseTopology}, parsed once from the configuration at boot. */
@Module({
  providers: [
    {
      provide: DatabaseTopology,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => DatabaseTopology.fromConfig(config),
    },
  ],
  exports: [DatabaseTopology],
})
export class DatabaseTopologyModule {}
