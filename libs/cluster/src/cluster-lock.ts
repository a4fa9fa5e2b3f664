import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DomainError, ErrorCode } from '@app/common';

/** The cluster lock was not granted within its timeout (503: retry later). */
export class ClusterLockTimeout extends DomainError {
  constructor(resource: string, timeoutMs: number) {
    super(ErrorCode.ClusterLockTimeout, `the cluster lock for ${resource} was not granted within ${timeoutMs} ms`, {
      resource,
    });
  }
}

/** A node has as many operator holds (`POST /api/cluster/mutex`) asked or held as allowed (429). */
export class AdminHoldLimitReached extends DomainError {
  constructor(limit: number) {
    super(ErrorCode.LimitReached, `this node already has ${limit} operator holds asked or held; wait for one to end`, {
      resource: 'cluster-lock-hold',
      limit,
    });
  }
}

/** What grants the lock across nodes (the API node's {@link LamportMutex}). */
export interface ClusterLockBackend {
  /** Runs `work` while this node holds `resource` cluster-wide. @throws ClusterLockTimeout. */
  withLock<T>(resource: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The cluster-wide lock by name, for work that needs one holder in the cluster where the
 * database is not the natural arbiter (starting an import or a schedule generation, the CLI's
 * name-keyed reservations). On an API node of a cluster it is Lamport's distributed mutual
 * exclusion ({@link LamportMutex} registers itself); in a one-node cluster or the worker, a
 * process-local mutex per name. Never what keeps seats correct: the database's conditional
 * updates stay the guarantee.
 */
@Injectable()
export class ClusterLock {
  private backend?: ClusterLockBackend;
  private readonly local = new Map<string, { mutex: Mutex; users: number }>();

  /** Sets the cluster-wide backend (one per process). */
  useBackend(backend: ClusterLockBackend): void {
    this.backend = backend;
  }

  /**
   * Runs `work` holding the lock `resource` (1–200 characters) and releases it after, also when
   * `work` throws. @throws ClusterLockTimeout when it is not granted in CLUSTER_LOCK_TIMEOUT_MS.
   */
  async withLock<T>(resource: string, work: () => Promise<T>): Promise<T> {
    if (this.backend) return this.backend.withLock(resource, work);
    let entry = this.local.get(resource);
    if (!entry) this.local.set(resource, (entry = { mutex: new Mutex(), users: 0 }));
    entry.users += 1;
    try {
      return await entry.mutex.runExclusive(work);
    } finally {
      entry.users -= 1;
      if (!entry.users) this.local.delete(resource); // names are unbounded (reservations): keep only those in use
    }
  }
}
