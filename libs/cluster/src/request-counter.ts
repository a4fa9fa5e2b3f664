import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { NodeIdentity } from './node-identity';

/** Node-to-node traffic, not counted as requests served. */
const CLUSTER_MESSAGES = '/api/cluster/messages';

/**
 * Counts the HTTP requests this node serves (for `GET /api/cluster`), heartbeats and other
 * node-to-node messages excepted, and names the node that answered in an `X-Marquee-Node` header
 * (handy behind nginx).
 */
@Injectable()
export class RequestCounter {
  private served = 0;

  constructor(private readonly node: NodeIdentity) {}

  /** Requests served since start. */
  count(): number {
    return this.served;
  }

  /** The Express middleware that counts and sets the header. */
  middleware(): (request: Request, response: Response, next: NextFunction) => void {
    const nodeId = String(this.node.nodeId);
    return (request, response, next) => {
      if (!request.originalUrl.startsWith(CLUSTER_MESSAGES)) this.served += 1;
      response.setHeader('X-Marquee-Node', nodeId);
      next();
    };
  }
}
