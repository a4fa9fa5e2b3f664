import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads, JobProgress } from './job.types';

/**
 * The handlers of each job name. Libs register theirs on module init (catalog: import; booking:
 * hold expiry); the worker's processors and the in-process runner both dispatch through it.
 */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  /** Registers the handler of `name`. @throws Error when one is registered already. */
  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has a handler already`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  /** Runs the handler of `name`. @throws Error for a job name without a handler. */
  run<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    progress: (p: JobProgress) => Promise<void>,
  ): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for job ${name}`);
    return handler(payload, progress);
  }

  /** Job names with no handler (the worker refuses to boot while any). */
  missing(): JobName[] {
    return Object.values(JobName).filter((name) => !this.handlers.has(name));
  }
}
