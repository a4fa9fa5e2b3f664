import { Injectable } from '@nestjs/common';
import { ClusterLock } from '@app/cluster';
import { JobName, JobPayloads, JobQueue } from '@app/jobs';

/**
 * Starts imports one at a time per kind, cluster-wide: the look for a job of that name already
 * waiting or running and the enqueue run under the cluster lock `job:<job name>` (Lamport mutual
 * exclusion across the API nodes, {@link ClusterLock}), so nodes asked at once, or a schedule and
 * an admin, do not start two. The lock is held only for the look and the enqueue, not while the
 * job runs; the worker's import stays idempotent (keyed by the source's ids) whatever happens.
 */
@Injectable()
export class ImportStarter {
  constructor(
    private readonly queue: JobQueue,
    private readonly lock: ClusterLock,
  ) {}

  /**
   * The id of the `name` job already waiting, delayed or running, or of a new one with `payload`
   * (the payload of a job already there wins).
   * @returns `{ jobId }`: a UUID in-process, `<queue>.<n>` on BullMQ.
   * @throws ClusterLockTimeout (503) when the lock is not granted in CLUSTER_LOCK_TIMEOUT_MS.
   */
  start<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<{ jobId: string }> {
    return this.lock.withLock(`job:${name}`, async () => ({
      jobId: (await this.queue.pending(name)) ?? (await this.queue.enqueue(name, payload)),
    }));
  }
}
