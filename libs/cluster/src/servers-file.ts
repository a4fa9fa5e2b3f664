/** One cluster member as listed in the servers file. */
export interface ServerEntry {
  id: number;
  host: string;
  port: number;
}

/** A servers file that cannot be used; `line` is 1-based (0 for whole-file problems). */
export class ServersFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly source = 'servers file',
  ) {
    super(line ? `${source}, line ${line}: ${reason}` : `${source}: ${reason}`);
    this.name = 'ServersFileError';
  }
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/**
 * Parses the servers file (DESIGN.md "Cluster"): one member per line as `id host port`,
 * separated by spaces or tabs; `#` starts a comment; blank lines are skipped. Ids are positive
 * integers, unique; ports 1–65535; a host:port appears once. Returns members sorted by id.
 * @throws ServersFileError naming the line and the reason (e.g. `line 3: port "70000" is not 1–65535`).
 */
export function parseServersFile(text: string, source = 'servers file'): ServerEntry[] {
  const entries: ServerEntry[] = [];
  const ids = new Map<number, number>();
  const addresses = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (!content) return;
    const fields = content.split(/[ \t]+/);
    if (fields.length !== 3) throw new ServersFileError(line, `expected "id host port", got ${fields.length} field(s)`, source);
    const [idText, host, portText] = fields;
    if (!/^[0-9]{1,9}$/.test(idText) || Number(idText) < 1) throw new ServersFileError(line, `id "${idText}" is not a positive integer`, source);
    if (!HOST.test(host)) throw new ServersFileError(line, `host "${host}" is not a host name or address`, source);
    const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new ServersFileError(line, `port "${portText}" is not 1–65535`, source);
    const id = Number(idText);
    if (ids.has(id)) throw new ServersFileError(line, `id ${id} is already used on line ${ids.get(id)}`, source);
    const address = `${host.toLowerCase()}:${port}`;
    if (addresses.has(address)) throw new ServersFileError(line, `${host} ${port} is already listed on line ${addresses.get(address)}`, source);
    ids.set(id, line);
    addresses.set(address, line);
    entries.push({ id, host, port });
  });
  if (!entries.length) throw new ServersFileError(0, 'lists no servers', source);
  return entries.sort((a, b) => a.id - b.id);
}
