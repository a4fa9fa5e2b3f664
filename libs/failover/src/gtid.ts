/**
 * MariaDB GTID positions: `domain-server-seq` per replication domain, comma-separated, e.g.
 * `0-1-1042` or `0-2-17,1-3-5` (https://mariadb.com/kb/en/gtid/). Within a domain, sequence
 * numbers grow monotonically across servers (gtid_strict_mode), so a position is compared by its
 * sequence numbers per domain. Marquee writes in one domain (0).
 */
export type GtidPosition = Map<number, { serverId: number; seq: number }>;

const GTID = /^(\d+)-(\d+)-(\d+)$/;

/**
 * Parses a position; empty or null is the empty position.
 * @throws Error naming the part that is not `domain-server-seq`.
 */
export function parseGtidPosition(text: string | null | undefined): GtidPosition {
  const position: GtidPosition = new Map();
  for (const part of (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = GTID.exec(part);
    if (!match) throw new Error(`"${part}" is not a GTID (domain-server-seq)`);
    const [domain, serverId, seq] = match.slice(1).map(Number);
    position.set(domain, { serverId, seq });
  }
  return position;
}

/** True when `position` includes every transaction of `other` (each domain's seq at least as far). */
export function gtidContains(position: GtidPosition, other: GtidPosition): boolean {
  for (const [domain, { seq }] of other) {
    if ((position.get(domain)?.seq ?? 0) < seq) return false;
  }
  return true;
}

/**
 * Orders positions by how far they are: by the sum of their sequence numbers over domains (for one
 * domain, simply its seq). Negative when `a` is behind `b`, as for `Array.sort`.
 */
export function compareGtidPositions(a: GtidPosition, b: GtidPosition): number {
  const total = (position: GtidPosition) => [...position.values()].reduce((sum, { seq }) => sum + seq, 0);
  return total(a) - total(b);
}

/** The position as MariaDB writes it, domains in order. */
export function formatGtidPosition(position: GtidPosition): string {
  return [...position.entries()]
    .sort(([a], [b]) => a - b)
    .map(([domain, { serverId, seq }]) => `${domain}-${serverId}-${seq}`)
    .join(',');
}

/** The furthest of two positions, domain by domain. */
export function maxGtidPosition(a: GtidPosition, b: GtidPosition): GtidPosition {
  const merged: GtidPosition = new Map(a);
  for (const [domain, value] of b) {
    if ((merged.get(domain)?.seq ?? -1) < value.seq) merged.set(domain, value);
  }
  return merged;
}
