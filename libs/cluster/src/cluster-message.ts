/** Messages one node sends another (POST /api/cluster/messages). */
/** EPOCH: the leader announces a database failover (`payload`: `{ epoch, primary }`) to every node. */
export type ClusterMessageType = 'HEARTBEAT' | 'ELECTION' | 'COORDINATOR' | 'EPOCH';
/** Replies: ANSWER to an ELECTION from a lower node (Bully), ACK to anything else. */
export type ClusterReplyType = 'ANSWER' | 'ACK';

/**
 * The envelope of every node-to-node message and reply. `lamport` is the sender's Lamport
 * timestamp of the send (its clock ticked for it); the receiver merges it. `term` is the election
 * term the sender is in, so stale news can be told apart.
 */
export interface ClusterEnvelope<T extends string = ClusterMessageType | ClusterReplyType> {
  type: T;
  from: number;
  term: number;
  lamport: number;
  payload?: Record<string, unknown>;
}

/** What a heartbeat carries besides the envelope. */
export interface HeartbeatPayload {
  /** The leader the sender follows (null while it knows none). */
  leader: number | null;
  /** HTTP requests the sender has served since it started. */
  requestsServed: number;
  /** When the sender started (ISO 8601). */
  startedAt: string;
}

/** Reads a heartbeat payload defensively (it comes from another process); missing fields become defaults. */
export function readHeartbeat(payload: Record<string, unknown> | undefined): HeartbeatPayload {
  const leader = payload?.leader;
  const served = payload?.requestsServed;
  const startedAt = payload?.startedAt;
  return {
    leader: Number.isSafeInteger(leader) && (leader as number) > 0 ? (leader as number) : null,
    requestsServed: Number.isSafeInteger(served) && (served as number) >= 0 ? (served as number) : 0,
    startedAt: typeof startedAt === 'string' ? startedAt : '',
  };
}
