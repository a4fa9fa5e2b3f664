import { Module } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { PrimaryEndpoint } from './primary-endpoint';

/**
 * Provides this process's {@link PrimaryEndpoint}, started before TypeORM connects (its write pool
 * connects to the endpoint): with `DATABASE_REPLICA_URLS`, a relay to the current primary;
 * otherwise a disabled endpoint.
 */
@Module({
  providers: [
    {
      provide: PrimaryEndpoint,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => {
        const primaryUrl = config.get('DATABASE_URL');
        const replicaUrls = config.get('DATABASE_REPLICA_URLS');
        return primaryUrl && replicaUrls.length
          ? PrimaryEndpoint.start({ primaryUrl, replicaUrls, pollMs: config.get('DATABASE_EPOCH_POLL_MS') })
          : PrimaryEndpoint.disabled(primaryUrl);
      },
    },
  ],
  exports: [PrimaryEndpoint],
})
export class PrimaryEndpointModule {}
