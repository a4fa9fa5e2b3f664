import { Injectable, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError } from '@app/common';
import { JobName, JobRegistry, QueueName } from '@app/jobs';

/** Dispatches a BullMQ job to the handler its lib registered; domain errors are not retried. */
@Injectable()
export abstract class RegistryProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    try {
      return await this.registry.run(job.name as JobName, job.data, (progress) => job.updateProgress({ ...progress }));
    } catch (error) {
      this.logger.warn(
        `${job.queueName} job ${job.name} ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (error instanceof DomainError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}

/** The catalog queue: TMDB imports (one at a time). */
@Processor(QueueName.Catalog, { concurrency: 1 })
export class CatalogProcessor extends RegistryProcessor {}

/** The holds queue: tidying lapsed holds. */
@Processor(QueueName.Holds, { concurrency: 4 })
export class HoldsProcessor extends RegistryProcessor {}

/** The mail queue: booking confirmation and cancellation e-mails (retried with backoff). */
@Processor(QueueName.Mail, { concurrency: 4 })
export class MailProcessor extends RegistryProcessor {}
