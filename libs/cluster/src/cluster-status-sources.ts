import { Injectable } from '@nestjs/common';

/** The database part of `GET /api/cluster`. */
export interface DatabaseStatus {
  /** Bumped by every primary failover. */
  epoch: number;
  /** Each server: `{ host, port, role, lagMs, gtid, … }`. */
  databases: unknown[];
  /** Primary failovers, newest first (when the replication work provides them). */
  failovers?: unknown[];
}

/**
 * Where `GET /api/cluster` gets what libs/cluster does not know: the database epoch and servers.
 * The replication work registers its source with {@link provideDatabases}; until then the
 * status shows epoch 0 and no servers.
 */
@Injectable()
export class ClusterStatusSources {
  private source?: () => DatabaseStatus | Promise<DatabaseStatus>;

  /** Sets the source of the database status (one; a second call replaces the first). */
  provideDatabases(source: () => DatabaseStatus | Promise<DatabaseStatus>): void {
    this.source = source;
  }

  /** The database status, or `{ epoch: 0, databases: [] }` without a source. */
  async databases(): Promise<DatabaseStatus> {
    return this.source ? this.source() : { epoch: 0, databases: [] };
  }
}
