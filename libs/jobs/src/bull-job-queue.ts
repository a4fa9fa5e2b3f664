import { OnModuleDestroy } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { EnqueueOptions, JobQueue, QueueDepth } from './job-queue';
import { JOB_QUEUE, JOB_RETRY, JobName, JobPayloads, JobProgress, JobStatus, QueueName } from './job.types';

/** Retention per job name; retries from {@link JOB_RETRY}. */
const RETENTION: Record<JobName, JobsOptions> = {
  [JobName.ImportCatalog]: { removeOnComplete: { age: 86_400, count: 100 }, removeOnFail: { age: 7 * 86_400 } },
  [JobName.ImportShowtimes]: { removeOnComplete: { age: 86_400, count: 100 }, removeOnFail: { age: 7 * 86_400 } },
  [JobName.ExpireHold]: { removeOnComplete: true, removeOnFail: { age: 86_400 } },
  [JobName.SendBookingMail]: { removeOnComplete: { age: 86_400, count: 1_000 }, removeOnFail: { age: 7 * 86_400 } },
};

function jobOptions(name: JobName): JobsOptions {
  const { attempts, backoffMs } = JOB_RETRY[name];
  return {
    ...RETENTION[name],
    attempts,
    ...(attempts > 1 ? { backoff: { type: 'exponential', delay: backoffMs } } : {}),
  };
}

/** Jobs on Redis through BullMQ; processed by apps/worker. Job ids are `<queue>.<id>`. */
export class BullJobQueue extends JobQueue implements OnModuleDestroy {
  private readonly queues: Map<QueueName, Queue>;

  constructor(redisUrl: string) {
    super();
    this.queues = new Map(
      Object.values(QueueName).map((name) => [
        name,
        new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: null } }),
      ]),
    );
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const queueName = JOB_QUEUE[name];
    const job = await this.queue(queueName).add(name, payload, {
      ...jobOptions(name),
      delay: options.delayMs,
      jobId: options.jobId,
      ...(options.dedupeId ? { deduplication: { id: options.dedupeId } } : {}),
    });
    return `${queueName}.${job.id}`;
  }

  async status(id: string): Promise<JobStatus | undefined> {
    const [queueName, jobId] = splitId(id);
    if (!queueName || !jobId) return undefined;
    const job = await this.queue(queueName).getJob(jobId);
    if (!job) return undefined;
    return describe(id, job, await job.getState());
  }

  async pending(name: JobName): Promise<string | undefined> {
    const queueName = JOB_QUEUE[name];
    const jobs = await this.queue(queueName).getJobs(['active', 'waiting', 'delayed', 'prioritized']);
    const job = jobs.find((candidate) => candidate?.name === name);
    return job ? `${queueName}.${job.id}` : undefined;
  }

  async depths(): Promise<QueueDepth[]> {
    return Promise.all(
      [...this.queues].map(async ([queue, bull]) => {
        const counts = await bull.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
        const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
        return { queue, waiting, delayed: counts.delayed ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0 };
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }
}

function splitId(id: string): [QueueName | undefined, string | undefined] {
  const dot = id.indexOf('.');
  const queueName = id.slice(0, dot) as QueueName;
  return Object.values(QueueName).includes(queueName) ? [queueName, id.slice(dot + 1)] : [undefined, undefined];
}

function describe(id: string, job: Job, state: string): JobStatus {
  const known = ['waiting', 'delayed', 'active', 'completed', 'failed'];
  const progress = (job.progress ?? {}) as Partial<JobProgress>;
  return {
    id,
    name: job.name,
    state: (known.includes(state)
      ? state
      : state === 'prioritized' || state === 'waiting-children'
        ? 'waiting'
        : 'unknown') as JobStatus['state'],
    progress: { done: Number(progress.done ?? 0), total: Number(progress.total ?? 0) },
    result: job.returnvalue ?? undefined,
    error: job.failedReason || undefined,
    attempts: job.attemptsMade,
  };
}
