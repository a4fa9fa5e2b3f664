/** BullMQ queue names (one processor per queue in apps/worker). */
export enum QueueName {
  Catalog = 'catalog',
  Holds = 'holds',
  Mail = 'mail',
}

/** Job names, each with its queue and payload below. */
export enum JobName {
  ImportCatalog = 'import-catalog',
  ImportShowtimes = 'import-showtimes',
  ExpireHold = 'expire-hold',
  SendBookingMail = 'send-booking-mail',
}

/** Typed payloads per job name. */
export interface JobPayloads {
  [JobName.ImportCatalog]: { pages: number };
  /** `origin`: who asked (`admin`, `cli`, `schedule`), for the logs. */
  [JobName.ImportShowtimes]: { origin: string };
  [JobName.ExpireHold]: { holdId: string };
  /** The e-mail of booking `code` after `event`: its confirmation, or its cancellation. */
  [JobName.SendBookingMail]: { code: string; event: 'booked' | 'cancelled' };
}

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ImportCatalog]: QueueName.Catalog,
  [JobName.ImportShowtimes]: QueueName.Catalog,
  [JobName.ExpireHold]: QueueName.Holds,
  [JobName.SendBookingMail]: QueueName.Mail,
};

/**
 * How often a failed job is tried in all, and the first wait before a retry (ms), doubled at
 * each further one (exponential backoff). BullMQ and the in-process queue both follow it.
 * Imports are not retried (the importer retries its HTTP calls). Mail: 8 tries over ~4 minutes
 * (2 s, 4 s, … 128 s), so a mail server restarting or briefly down loses nothing.
 */
export const JOB_RETRY: Record<JobName, { attempts: number; backoffMs: number }> = {
  [JobName.ImportCatalog]: { attempts: 1, backoffMs: 0 },
  [JobName.ImportShowtimes]: { attempts: 1, backoffMs: 0 },
  [JobName.ExpireHold]: { attempts: 5, backoffMs: 1_000 },
  [JobName.SendBookingMail]: { attempts: 8, backoffMs: 2_000 },
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
  /** Tries made so far (a retried job counts each). */
  attempts?: number;
}

/** Runs one job; reports progress through `progress`. Throwing fails the job with that message. */
export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  progress: (progress: JobProgress) => Promise<void>,
) => Promise<unknown>;
