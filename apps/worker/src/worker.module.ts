import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfigModule, AppConfigService, LoggingModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { ClusterModule, NodeIdentity } from '@app/cluster';
import { JobsModule, QueueName } from '@app/jobs';
import { CatalogModule } from '@app/catalog';
import { BookingModule } from '@app/booking';
import { MailModule } from '@app/mail';
import { ENTITIES } from '@app/schema';
import { CatalogProcessor, HoldsProcessor, MailProcessor } from './registry.processor';

/** The BullMQ worker: the same libs as the API, plus the processors; no HTTP server. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forRoot(ENTITIES),
    ClusterModule,
    JobsModule,
    BullModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => {
        const url = config.get('REDIS_URL');
        if (!url) throw new Error('REDIS_URL must be set for the worker (without Redis, jobs run inside the API node)');
        return { connection: { url, maxRetriesPerRequest: null } };
      },
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
    CatalogModule,
    BookingModule,
    MailModule,
  ],
  providers: [CatalogProcessor, HoldsProcessor, MailProcessor],
})
export class WorkerModule {
  /** The worker shares its NODE_ID with an API node: its own vector clock entry, `w<id>`, keeps their events apart. */
  constructor(identity: NodeIdentity) {
    identity.vector.rekey(`w${identity.nodeId}`);
  }
}
