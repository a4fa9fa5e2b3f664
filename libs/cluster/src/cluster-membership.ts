import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AppConfigService } from '@app/common';
import { parseServerList, parseServersFile, ServerEntry } from '@app/contracts';

/**
 * Who is in the cluster (DESIGN.md "Cluster"): the members listed in `SERVERS_FILE` or
 * `CLUSTER_SERVERS`, this node (`NODE_ID`) among them. With neither set, the node is a one-node
 * cluster of itself (the embedded `npm start`).
 * @throws Error at boot, with the parser's line-numbered reason, for a list that cannot be used;
 *   and when there are peers but no ADMIN_TOKEN, or no shared database (SQLite).
 */
@Injectable()
export class ClusterMembership {
  /** Every member, sorted by id, this node included. */
  readonly members: ServerEntry[];
  /** This node's entry. */
  readonly self: ServerEntry;
  /** The other members. */
  readonly peers: ServerEntry[];

  constructor(config: AppConfigService) {
    const nodeId = config.get('NODE_ID');
    this.members = ClusterMembership.load(config);
    const self = this.members.find((member) => member.id === nodeId);
    if (!self) {
      throw new Error(
        `NODE_ID ${nodeId} is not listed in the cluster's servers (ids ${this.members.map((member) => member.id).join(', ')})`,
      );
    }
    this.self = self;
    this.peers = this.members.filter((member) => member.id !== nodeId);
    if (this.peers.length && !config.get('ADMIN_TOKEN')) {
      throw new Error(
        'ADMIN_TOKEN must be set, the same on every node, when the cluster has more than one node (nodes authenticate their messages with it)',
      );
    }
    if (this.peers.length && !config.get('DATABASE_URL')) {
      // Each node would keep its own SQLite file: the cluster would sell every seat once per node.
      throw new Error(
        'DATABASE_URL must be set when the cluster has more than one node: the nodes must share one MySQL/MariaDB database (SQLite is for a one-node cluster only)',
      );
    }
    if (this.peers.length && self.port !== config.get('PORT')) {
      new Logger('ClusterMembership').warn(
        `this node listens on port ${config.get('PORT')} but is listed with port ${self.port}`,
      );
    }
  }

  /** Whether there are other members. */
  get isCluster(): boolean {
    return this.peers.length > 0;
  }

  private static load(config: AppConfigService): ServerEntry[] {
    const file = config.get('SERVERS_FILE');
    if (file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`SERVERS_FILE: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      return parseServersFile(text, file);
    }
    const list = config.get('CLUSTER_SERVERS');
    if (list) return parseServerList(list, 'CLUSTER_SERVERS');
    return [{ id: config.get('NODE_ID'), host: '127.0.0.1', port: config.get('PORT') }];
  }
}
