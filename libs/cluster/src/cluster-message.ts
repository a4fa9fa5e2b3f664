import { z } from 'zod';
import { VectorTimestamp } from './vector-clock';

/**
 * Messages one node sends another (POST /api/cluster/messages): HEARTBEAT; Bully's ELECTION and
 * COORDINATOR; Ring's RING (a candidacy or the elected leader going round); EPOCH (the leader
 * announces a database failover); Berkeley's CLOCK_POLL and CLOCK_ADJUST; Lamport mutual
 * exclusion's MUTEX_REQUEST and MUTEX_RELEASE (the reply to a request is its REPLY).
 */
export const CLUSTER_MESSAGE_TYPES = [
  'HEARTBEAT',
  'ELECTION',
  'COORDINATOR',
  'RING',
  'EPOCH',
  'CLOCK_POLL',
  'CLOCK_ADJUST',
  'MUTEX_REQUEST',
  'MUTEX_RELEASE',
] as const;
export type ClusterMessageType = (typeof CLUSTER_MESSAGE_TYPES)[number];
/** Replies: ANSWER to an ELECTION from a lower node (Bully), ACK to anything else. */
export type ClusterReplyType = 'ANSWER' | 'ACK';

/**
 * The envelope of every node-to-node message and reply. `lamport` and `vector` are the sender's
 * Lamport and vector timestamps of the send (its clocks ticked for it); the receiver merges them.
 * `term` is the election term the sender is in, so stale news can be told apart.
 */
export interface ClusterEnvelope<T extends string = ClusterMessageType | ClusterReplyType> {
  type: T;
  from: number;
  term: number;
  lamport: number;
  vector?: VectorTimestamp;
  payload?: Record<string, unknown>;
}

/** What a heartbeat carries besides the envelope. */
export const HeartbeatPayload = z.object({
  /** The leader the sender follows (null while it knows none). */
  leader: z.number().int().positive().nullable().catch(null),
  /** HTTP requests the sender has served since it started. */
  requestsServed: z.number().int().nonnegative().catch(0),
  /** When the sender started (ISO 8601). */
  startedAt: z.string().max(40).catch(''),
});
export type HeartbeatPayload = z.infer<typeof HeartbeatPayload>;

/** Reads a heartbeat payload defensively (it comes from another process); missing fields become defaults. */
export function readHeartbeat(payload: Record<string, unknown> | undefined): HeartbeatPayload {
  return HeartbeatPayload.parse(payload ?? {});
}

/** RING: a candidacy (`candidate`) or the elected `leader` of `term`, passed round the ring. */
export const RingPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('election'), candidate: z.number().int().positive() }),
  z.object({
    kind: z.literal('elected'),
    leader: z.number().int().positive(),
    term: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  }),
]);
export type RingPayload = z.infer<typeof RingPayload>;
