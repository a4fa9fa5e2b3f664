import { LamportQueue, LockRequest } from './lamport-queue';

/** Three nodes' queues joined by instant delivery: REQUEST to all (each replies), RELEASE to all. */
function threeNodes() {
  const queues = new Map([1, 2, 3].map((id) => [id, new LamportQueue()]));
  const replies = new Map<string, Set<number>>();
  const key = (request: LockRequest) => `${request.ts}.${request.node}`;
  return {
    queues,
    request(request: LockRequest, reachable = [1, 2, 3]) {
      replies.set(key(request), new Set());
      for (const id of reachable) {
        queues.get(id)!.add(request);
        if (id !== request.node) replies.get(key(request))!.add(id);
      }
    },
    release(request: LockRequest) {
      for (const queue of queues.values()) queue.remove(request);
    },
    mayEnter(request: LockRequest, alive = [1, 2, 3]) {
      return queues.get(request.node)!.mayEnter(
        request,
        replies.get(key(request))!,
        alive.filter((id) => id !== request.node),
      );
    },
  };
}

describe('LamportQueue (Lamport 1978 mutual exclusion)', () => {
  it('orders requests by (timestamp, node id) and ignores a duplicate', () => {
    const queue = new LamportQueue();
    queue.add({ ts: 5, node: 2 });
    queue.add({ ts: 3, node: 3 });
    queue.add({ ts: 5, node: 1 });
    expect(queue.add({ ts: 5, node: 1 })).toBe(false);
    expect(queue.list()).toEqual([
      { ts: 3, node: 3 },
      { ts: 5, node: 1 },
      { ts: 5, node: 2 },
    ]);
  });

  it('lets exactly the first request in, once every other live node replied; the next after its RELEASE', () => {
    const net = threeNodes();
    const a = { ts: 4, node: 1 };
    const b = { ts: 4, node: 2 }; // same timestamp: the lower node id goes first
    const c = { ts: 2, node: 3 };
    net.request(a);
    net.request(b);
    net.request(c);
    expect([net.mayEnter(a), net.mayEnter(b), net.mayEnter(c)]).toEqual([false, false, true]);
    net.release(c);
    expect([net.mayEnter(a), net.mayEnter(b)]).toEqual([true, false]);
    net.release(a);
    expect(net.mayEnter(b)).toBe(true);
  });

  it('waits for the reply of every node counted alive, not of a suspected one', () => {
    const net = threeNodes();
    const a = { ts: 1, node: 1 };
    net.request(a, [1, 2]); // node 3 does not answer
    expect(net.mayEnter(a)).toBe(false);
    expect(net.mayEnter(a, [1, 2])).toBe(true); // once the failure detector suspects node 3
  });

  it('drops a crashed holder or waiter, so the rest go on', () => {
    const net = threeNodes();
    const holder = { ts: 1, node: 3 };
    const waiter = { ts: 2, node: 2 };
    const last = { ts: 3, node: 1 };
    for (const request of [holder, waiter, last]) net.request(request);
    expect(net.mayEnter(holder)).toBe(true);
    for (const id of [1, 2]) expect(net.queues.get(id)!.dropNode(3)).toEqual([holder]);
    expect(net.mayEnter(waiter, [1, 2])).toBe(true);
    net.queues.get(1)!.dropNode(2); // the waiter crashes too
    expect(net.mayEnter(last, [1])).toBe(true);
  });

  it('a late copy of a released request does not come back', () => {
    const queue = new LamportQueue();
    queue.add({ ts: 7, node: 2 });
    queue.remove({ ts: 7, node: 2 });
    expect(queue.add({ ts: 7, node: 2 })).toBe(false);
    expect(queue.head()).toBeUndefined();
    expect(queue.add({ ts: 9, node: 2 })).toBe(true);
    expect(queue.of(2)).toEqual([{ ts: 9, node: 2 }]);
  });
});
