import { Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@app/common';
import { JobQueue, EnqueueOptions, QueueDepth } from './job-queue';
import { JobRegistry } from './job-registry';
import { JOB_QUEUE, JOB_RETRY, JobName, JobPayloads, JobStatus, QueueName } from './job.types';

const KEEP_FINISHED = 200;

/**
 * Runs jobs in this process (embedded mode: no `REDIS_URL`). Statuses live in memory; the last
 * 200 finished jobs are kept. A failed job is tried again as {@link JOB_RETRY} says (exponential
 * backoff), like BullMQ would. Delayed jobs use unref'd timers, so they never keep the process up;
 * jobs lost at exit are tidy-ups whose effect the queries already apply (expired holds).
 */
export class InProcessJobQueue extends JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly jobs = new Map<string, JobStatus>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Job id per deduplication id (the last one added). */
  private readonly dedupe = new Map<string, string>();

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    if (options.dedupeId) {
      const twin = this.dedupe.get(options.dedupeId);
      const status = twin && this.jobs.get(twin);
      if (status && (status.state === 'waiting' || status.state === 'delayed' || status.state === 'active'))
        return twin!;
    }
    const id = options.jobId ?? randomUUID();
    if (options.dedupeId) this.dedupe.set(options.dedupeId, id);
    const existing = this.jobs.get(id);
    if (existing && existing.state !== 'completed' && existing.state !== 'failed') return id;
    const status: JobStatus = {
      id,
      name,
      state: options.delayMs ? 'delayed' : 'waiting',
      progress: { done: 0, total: 0 },
    };
    this.jobs.set(id, status);
    this.schedule(options.delayMs ?? 0, () => this.run(status, name, payload));
    return id;
  }

  private schedule(delayMs: number, task: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  async status(id: string): Promise<JobStatus | undefined> {
    const status = this.jobs.get(id);
    return status && { ...status, progress: { ...status.progress } };
  }

  async pending(name: JobName): Promise<string | undefined> {
    for (const status of this.jobs.values()) {
      if (status.name === name && (status.state === 'waiting' || status.state === 'active')) return status.id;
    }
    return undefined;
  }

  async depths(): Promise<QueueDepth[]> {
    const depths = new Map(
      Object.values(QueueName).map((queue) => [queue, { queue, waiting: 0, delayed: 0, active: 0, failed: 0 }]),
    );
    for (const status of this.jobs.values()) {
      const depth = depths.get(JOB_QUEUE[status.name as JobName]);
      if (depth && status.state in depth) depth[status.state as 'waiting' | 'delayed' | 'active' | 'failed'] += 1;
    }
    return [...depths.values()];
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async run<N extends JobName>(status: JobStatus, name: N, payload: JobPayloads[N]): Promise<void> {
    status.state = 'active';
    status.attempts = (status.attempts ?? 0) + 1;
    try {
      status.result = await this.registry.run(name, payload, async (progress) => {
        status.progress = { ...progress };
      });
      status.state = 'completed';
      status.error = undefined;
    } catch (error) {
      status.error = error instanceof Error ? error.message : String(error);
      const { attempts, backoffMs } = JOB_RETRY[name];
      // Domain errors (an unknown booking…) would fail again: not retried, as in apps/worker.
      if (status.attempts < attempts && !(error instanceof DomainError)) {
        status.state = 'delayed';
        const waitMs = backoffMs * 2 ** (status.attempts - 1);
        this.logger.warn(
          `job ${name} ${status.id} failed (try ${status.attempts}/${attempts}), again in ${waitMs} ms: ${status.error}`,
        );
        this.schedule(waitMs, () => this.run(status, name, payload));
        return;
      }
      status.state = 'failed';
      this.logger.warn(`job ${name} ${status.id} failed: ${status.error}`);
    }
    this.prune();
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state === 'completed' || job.state === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.id);
  }
}
