/** One node's clock as the leader read it: how far ahead of the leader's clock it is (ms) and the poll's round trip. */
export interface ClockReading {
  node: number;
  offsetMs: number;
  rttMs: number;
}

/** The outcome of one Berkeley round: the agreed time's offset from the leader's clock, and each node's correction. */
export interface BerkeleyRound {
  /** The mean offset of the clocks kept (the leader's own counts, as 0). */
  averageMs: number;
  /** Per node: how much to add to its clock to reach the agreed time (`averageMs − offset`). */
  corrections: Map<number, number>;
  /** Nodes whose offset was left out of the average (further than `outlierMs` from the median). */
  excluded: number[];
}

/**
 * The leader's estimate of a peer's clock offset from one poll (Cristian's method, as the
 * Berkeley algorithm uses it): the peer read its clock half a round trip before the reply arrived.
 * @param sentAt the leader's clock when the poll went out (ms)
 * @param peerClockMs the peer's clock in its reply (ms)
 * @param receivedAt the leader's clock when the reply came (ms)
 */
export function estimateOffset(sentAt: number, peerClockMs: number, receivedAt: number): ClockReading['offsetMs'] {
  return peerClockMs + (receivedAt - sentAt) / 2 - receivedAt;
}

/**
 * The Berkeley algorithm's averaging step (R. Gusella and S. Zatti, "The Accuracy of the Clock
 * Synchronization Achieved by TEMPO in Berkeley UNIX 4.3BSD", IEEE Trans. Software Engineering
 * 15(7), 1989): the master averages the clocks' offsets — its own is 0 — leaving out the ones
 * that disagree with the others (here: further than `outlierMs` from the median, TEMPO's
 * "fault-tolerant average"), and sends each clock the correction that brings it to the average;
 * an outlier is still corrected, it just does not pull the others.
 * @throws RangeError when `readings` is empty.
 */
export function berkeleyRound(readings: ClockReading[], outlierMs: number): BerkeleyRound {
  if (!readings.length) throw new RangeError('a Berkeley round needs at least one clock');
  const offsets = readings.map((reading) => reading.offsetMs).sort((a, b) => a - b);
  const middle = offsets.length >> 1;
  const median = offsets.length % 2 ? offsets[middle] : (offsets[middle - 1] + offsets[middle]) / 2;
  const kept = readings.filter((reading) => Math.abs(reading.offsetMs - median) <= outlierMs);
  const averageMs = kept.reduce((sum, reading) => sum + reading.offsetMs, 0) / kept.length;
  return {
    averageMs,
    corrections: new Map(readings.map((reading) => [reading.node, averageMs - reading.offsetMs])),
    excluded: readings.filter((reading) => !kept.includes(reading)).map((reading) => reading.node),
  };
}
