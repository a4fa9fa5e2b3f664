import { Global, Module } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';
import { JobRegistry } from './job-registry';

/** The job queue (BullMQ when `REDIS_URL` is set, else in-process) and the handler registry. */
@Global()
@Module({
  providers: [
    JobRegistry,
    {
      provide: JobQueue,
      inject: [AppConfigService, JobRegistry],
      useFactory: (config: AppConfigService, registry: JobRegistry): JobQueue => {
        const redisUrl = config.get('REDIS_URL');
        return redisUrl ? new BullJobQueue(redisUrl) : new InProcessJobQueue(registry);
      },
    },
  ],
  exports: [JobRegistry, JobQueue],
})
export class JobsModule {}
