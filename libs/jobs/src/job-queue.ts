import { JobName, JobPayloads, JobStatus, QueueName } from './job.types';

/** Jobs per state that are not finished, of one queue. */
export interface QueueDepth {
  queue: QueueName;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

/** Options of one enqueue. */
export interface EnqueueOptions {
  /** Run no sooner than this many milliseconds from now. */
  delayMs?: number;
  /** Deduplication id: a job with the same id that exists already is not added again. */
  jobId?: string;
  /**
   * While a job added with this id waits or runs, adding another returns that job instead
   * (BullMQ `deduplication`, across every node on one Redis; in-process, within this process).
   */
  dedupeId?: string;
}

/**
 * Where jobs go: BullMQ on Redis when `REDIS_URL` is set, else this process
 * (see {@link BullJobQueue} and {@link InProcessJobQueue}).
 */
export abstract class JobQueue {
  /** Adds a job; returns its id. */
  abstract enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<string>;
  /** The status of a job, or undefined for an unknown id. */
  abstract status(id: string): Promise<JobStatus | undefined>;
  /** The id of an import that is waiting or running, if any. */
  abstract pending(name: JobName): Promise<string | undefined>;
  /** How many jobs wait, are delayed, run or have failed, per queue (for the metrics). */
  abstract depths(): Promise<QueueDepth[]>;
}
