/** One cluster member as listed in the servers file. */
export interface ServerEntry {
  id: number;
  host: string;
  port: number;
}

/**
 * A server list that cannot be used; `line` is 1-based (0 for whole-list problems). A servers
 * file counts lines, a `CLUSTER_SERVERS` list its comma-separated entries (`unit`).
 */
export class ServersFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly source = 'servers file',
    readonly unit: 'line' | 'entry' = 'line',
  ) {
    super(line ? `${source}, ${unit} ${line}: ${reason}` : `${source}: ${reason}`);
    this.name = 'ServersFileError';
  }
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/**
 * Parses the servers file (DESIGN.md "Cluster"): one member per line as `id host port`,
 * separated by spaces or tabs; `#` starts a comment; blank lines are skipped. Ids are positive
 * integers, unique; ports 1–65535; a host:port appears once. Returns members sorted by id.
 * @throws ServersFileError naming the line and the reason (e.g. `line 3: port "70000" is not 1–65535`).
 */
export function parseServersFile(text: string, source = 'servers file'): ServerEntry[] {
  return parseEntries(
    text.split(/\r?\n/).map((raw) => {
      const content = raw.replace(/#.*$/, '').trim();
      if (!content) return undefined;
      const fields = content.split(/[ \t]+/);
      return fields.length === 3
        ? (fields as [string, string, string])
        : `expected "id host port", got ${fields.length} field(s)`;
    }),
    source,
    'line',
  );
}

/**
 * Parses the same list written on one line (e.g. the `CLUSTER_SERVERS` variable):
 * `id=host:port` entries separated by commas, e.g. `1=127.0.0.1:3001,2=127.0.0.1:3002`; an IPv6
 * host goes in brackets (`3=[::1]:3003`). Same rules as {@link parseServersFile}; errors name the
 * entry (1-based) instead of the line.
 * @throws ServersFileError, e.g. `CLUSTER_SERVERS, entry 2: port "0" is not 1–65535`.
 */
export function parseServerList(text: string, source = 'CLUSTER_SERVERS'): ServerEntry[] {
  return parseEntries(
    text.split(',').map((raw) => {
      const content = raw.trim();
      if (!content) return undefined;
      const match = /^([^=\s]*)=(\[[^\]]*\]|[^:\s]*):([^:\s]*)$/.exec(content);
      return match ? [match[1], match[2], match[3]] : `expected "id=host:port", got "${content}"`;
    }),
    source,
    'entry',
  );
}

/** Checks entries already split into fields (or a reason they could not be); skips undefined. */
function parseEntries(
  rows: ([string, string, string] | string | undefined)[],
  source: string,
  unit: 'line' | 'entry',
): ServerEntry[] {
  const entries: ServerEntry[] = [];
  const ids = new Map<number, number>();
  const addresses = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 1;
    if (row === undefined) return;
    if (typeof row === 'string') throw new ServersFileError(line, row, source, unit);
    const [idText, host, portText] = row;
    const fail = (reason: string) => new ServersFileError(line, reason, source, unit);
    if (!/^[0-9]{1,9}$/.test(idText) || Number(idText) < 1) throw fail(`id "${idText}" is not a positive integer`);
    if (!HOST.test(host)) throw fail(`host "${host}" is not a host name or address`);
    const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw fail(`port "${portText}" is not 1–65535`);
    const id = Number(idText);
    if (ids.has(id)) throw fail(`id ${id} is already used on ${unit} ${ids.get(id)}`);
    const address = `${host.toLowerCase()}:${port}`;
    if (addresses.has(address)) throw fail(`${host} ${port} is already listed on ${unit} ${addresses.get(address)}`);
    ids.set(id, line);
    addresses.set(address, line);
    entries.push({ id, host, port });
  });
  if (!entries.length) throw new ServersFileError(0, 'lists no servers', source, unit);
  return entries.sort((a, b) => a.id - b.id);
}
