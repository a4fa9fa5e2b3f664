import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { LamportClock } from './lamport-clock';

/**
 * This node's identity in the cluster: its integer id (`NODE_ID`) and its Lamport clock.
 * The cluster issue adds peers, heartbeats and the Bully election around it.
 */
@Injectable()
export class NodeIdentity {
  readonly nodeId: number;
  readonly clock = new LamportClock();
  readonly startedAt = new Date();

  constructor(config: AppConfigService) {
    this.nodeId = config.get('NODE_ID');
  }
}
