import { Injectable } from '@nestjs/common';
import type { DatabaseStatus } from '@app/contracts';

/**
 * Where `GET /api/cluster` gets what libs/cluster does not know: the database epoch, servers and
 * failover history. libs/failover registers its source with {@link provideDatabases}; without it
 * (the worker, SQLite) the status shows epoch 0 and no servers.
 */
@Injectable()
export class ClusterStatusSources {
  private source?: () => Promise<DatabaseStatus>;

  /** Sets the source of the database status (one; a second call replaces the first). */
  provideDatabases(source: () => Promise<DatabaseStatus>): void {
    this.source = source;
  }

  /** The database status, or `{ epoch: 0, databases: [], failovers: [] }` without a source. */
  async databases(): Promise<DatabaseStatus> {
    return this.source ? this.source() : { epoch: 0, databases: [], failovers: [] };
  }
}
