/** BullMQ queue names (one processor per queue in apps/worker). */
export enum QueueName {
  Catalog = 'catalog',
  Holds = 'holds',
}

/** Job names, each with its queue and payload below. */
export enum JobName {
  ImportCatalog = 'import-catalog',
  ImportShowtimes = 'import-showtimes',
  ExpireHold = 'expire-hold',
}

/** Typed payloads per job name. */
export interface JobPayloads {
  [JobName.ImportCatalog]: { pages: number };
  /** `origin`: who asked (`admin`, `cli`, `schedule`), for the logs. */
  [JobName.ImportShowtimes]: { origin: string };
  [JobName.ExpireHold]: { holdId: string };
}

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ImportCatalog]: QueueName.Catalog,
  [JobName.ImportShowtimes]: QueueName.Catalog,
  [JobName.ExpireHold]: QueueName.Holds,
};

/** Progress of a job in units of work done out of total (e.g. pages + movies fetched). */
export interface JobProgress {
  done: number;
  total: number;
}

/** What `GET /api/admin/jobs/:id` answers. */
export interface JobStatus {
  id: string;
  name: string;
  state: 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'unknown';
  progress: JobProgress;
  result?: unknown;
  error?: string;
}

/** Runs one job; reports progress through `progress`. Throwing fails the job with that message. */
export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  progress: (progress: JobProgress) => Promise<void>,
) => Promise<unknown>;
