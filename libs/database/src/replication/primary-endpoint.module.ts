import { Module } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { DatabaseTopology } from '../database-topology';
import { DatabaseTopologyModule } from '../database-topology.module';
import { PrimaryEndpoint } from './primary-endpoint';

/**
 * Provides this process's {@link PrimaryEndpoint}, started before TypeORM connects (its write pool
 * connects to the endpoint): with `DATABASE_REPLICA_URLS`, a relay to the current primary;
 * otherwise a disabled endpoint.
 */
@Module({
  imports: [DatabaseTopologyModule],
  providers: [
    {
      provide: PrimaryEndpoint,
      inject: [AppConfigService, DatabaseTopology],
      useFactory: (config: AppConfigService, topology: DatabaseTopology) =>
        topology.replicated
          ? PrimaryEndpoint.start(topology, config.get('DATABASE_EPOCH_POLL_MS'))
          : PrimaryEndpoint.disabled(topology),
    },
  ],
  exports: [PrimaryEndpoint, DatabaseTopologyModule],
})
export class PrimaryEndpointModule {}
