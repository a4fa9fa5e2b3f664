/** One request for the lock: the requester's Lamport timestamp of the request and its node id. */
export interface LockRequest {
  ts: number;
  node: number;
}

/** Orders requests by (timestamp, node id): Lamport's total order. */
export function compareRequests(a: LockRequest, b: LockRequest): number {
  return a.ts - b.ts || a.node - b.node;
}

/**
 * One node's request queue for one resource in Lamport's distributed mutual exclusion (L.
 * Lamport, "Time, Clocks, and the Ordering of Events in a Distributed System", CACM 21(7), 1978,
 * section "an example"): the requests it knows of, ordered by (timestamp, node). Pure rules:
 *
 * - a REQUEST (its own, or one received) is added; a RELEASE removes the releaser's request;
 * - a node may enter when its own request is the first in its queue and it has heard, from every
 *   other node it counts as alive, a message stamped after its request (here: the REPLY);
 * - a node the failure detector suspects is dropped ({@link dropNode}): its requests leave the
 *   queue and its reply is no longer awaited, so a crash blocks no one beyond the failure timeout.
 *
 * A request released or dropped is remembered (per node, the highest timestamp), so a copy
 * delivered late (a retried REQUEST) cannot come back as a ghost that blocks the queue; requests
 * of one node are released in timestamp order except when a waiting caller gives up, which is
 * remembered exactly.
 */
export class LamportQueue {
  private readonly requests: LockRequest[] = [];
  private readonly gone = new Map<number, Set<number>>();

  /** Adds `request` (idempotent); ignored when that request was released or dropped already. */
  add(request: LockRequest): boolean {
    if (this.gone.get(request.node)?.has(request.ts)) return false;
    if (this.requests.some((known) => compareRequests(known, request) === 0)) return false;
    this.requests.push(request);
    this.requests.sort(compareRequests);
    return true;
  }

  /** Removes `request` (a RELEASE, or a requester that gave up) and remembers it as gone. */
  remove(request: LockRequest): void {
    const index = this.requests.findIndex((known) => compareRequests(known, request) === 0);
    if (index >= 0) this.requests.splice(index, 1);
    let gone = this.gone.get(request.node);
    if (!gone) this.gone.set(request.node, (gone = new Set()));
    gone.add(request.ts);
    if (gone.size > 1_000) gone.delete(gone.values().next().value as number);
  }

  /** Removes every request of `node` (it crashed, as far as the failure detector can tell). */
  dropNode(node: number): LockRequest[] {
    const dropped = this.requests.filter((request) => request.node === node);
    for (const request of dropped) this.remove(request);
    return dropped;
  }

  /** The first request, or undefined. */
  head(): LockRequest | undefined {
    return this.requests[0];
  }

  /** The requests in order. */
  list(): LockRequest[] {
    return [...this.requests];
  }

  /** The requests of `node`. */
  of(node: number): LockRequest[] {
    return this.requests.filter((request) => request.node === node);
  }

  /**
   * Whether `own` may enter: it is first in the queue, and every node of `awaited` (the other
   * nodes counted alive) is in `repliedBy`.
   */
  mayEnter(own: LockRequest, repliedBy: ReadonlySet<number>, awaited: readonly number[]): boolean {
    const head = this.head();
    return head !== undefined && compareRequests(head, own) === 0 && awaited.every((node) => repliedBy.has(node));
  }
}
