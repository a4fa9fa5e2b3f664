import { Injectable } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import { Agent } from 'node:http';
import { AppConfigService } from '@app/common';
import { ClusterEnvelope, ClusterMessageType, ClusterReplyType } from './cluster-message';
import { ServerEntry } from '@app/contracts';

/**
 * Node-to-node HTTP: `POST http://<host>:<port>/api/cluster/messages` with a JSON envelope and
 * `Authorization: Bearer $ADMIN_TOKEN`, over kept-alive connections, with a short timeout.
 * Stamping and merging Lamport timestamps is the caller's (it owns the clock); nothing here
 * holds a lock while a call is out.
 */
@Injectable()
export class ClusterTransport {
  private readonly http: AxiosInstance;

  constructor(config: AppConfigService) {
    this.http = axios.create({
      timeout: config.get('CLUSTER_MESSAGE_TIMEOUT_MS'),
      headers: { authorization: `Bearer ${config.get('ADMIN_TOKEN') ?? ''}`, 'content-type': 'application/json' },
      httpAgent: new Agent({ keepAlive: true, maxSockets: 4 }),
      proxy: false,
      maxRedirects: 0,
      validateStatus: (status) => status === 200,
    });
  }

  /**
   * Sends `message` to `peer`; resolves with its reply, or undefined when it did not answer in
   * `timeoutMs` (default CLUSTER_MESSAGE_TIMEOUT_MS), refused, or answered something that is not a
   * reply envelope (a failed delivery is normal in a cluster: the caller decides what it means).
   */
  async send(
    peer: ServerEntry,
    message: ClusterEnvelope<ClusterMessageType>,
    timeoutMs?: number,
  ): Promise<ClusterEnvelope<ClusterReplyType> | undefined> {
    try {
      const response = await this.http.post(
        `http://${peer.host}:${peer.port}/api/cluster/messages`,
        message,
        timeoutMs ? { timeout: timeoutMs } : {},
      );
      return isReply(response.data, peer.id) ? response.data : undefined;
    } catch {
      return undefined;
    }
  }
}

function isReply(body: unknown, from: number): body is ClusterEnvelope<ClusterReplyType> {
  const reply = body as Partial<ClusterEnvelope<ClusterReplyType>> | null;
  return (
    typeof reply === 'object' &&
    reply !== null &&
    (reply.type === 'ANSWER' || reply.type === 'ACK') &&
    reply.from === from &&
    Number.isSafeInteger(reply.term) &&
    (reply.term as number) >= 0 &&
    Number.isSafeInteger(reply.lamport) &&
    (reply.lamport as number) >= 0
  );
}
