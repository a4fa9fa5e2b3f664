import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ServerEntry } from '@app/contracts';

/** The file's content: show id → name → secret. */
const storeSchema = z.record(z.record(z.string().regex(/^[0-9a-f]{32}$/)));
type Store = z.infer<typeof storeSchema>;

/**
 * The secrets of the reservations this user made (`reserve` stores the one each answer carries;
 * `search` and `delete` send it), one file per server list: `<state dir>/reservations-<hash>.json`,
 * the hash taken over the servers' `host:port`s (sorted), so two servers files naming the same
 * cluster share it and two clusters never mix. The state dir is `MARQUEE_STATE_DIR`, else
 * `$XDG_STATE_HOME/marquee`, else `~/.local/state/marquee`; the file is private (mode 0600) and
 * replaced atomically. A file that is unreadable or malformed counts as empty.
 */
export class SecretStore {
  private readonly path: string;

  constructor(servers: ServerEntry[], env: Record<string, string | undefined>) {
    const dir =
      env.MARQUEE_STATE_DIR ||
      (env.XDG_STATE_HOME
        ? join(env.XDG_STATE_HOME, 'marquee')
        : join(env.HOME || homedir(), '.local', 'state', 'marquee'));
    const members = servers.map((server) => `${server.host}:${server.port}`).sort();
    const hash = createHash('sha256').update(members.join('\n')).digest('hex').slice(0, 16);
    this.path = join(dir, `reservations-${hash}.json`);
  }

  /** The stored secret of `name`'s reservation for `show`, if any. */
  get(show: number, name: string): string | undefined {
    return this.read()[String(show)]?.[name];
  }

  /** Stores (or, with undefined, forgets) the secret of `name`'s reservation for `show`. */
  set(show: number, name: string, secret: string | undefined): void {
    const store = this.read();
    const forShow = { ...(store[String(show)] ?? {}) };
    if (secret === undefined) delete forShow[name];
    else forShow[name] = secret;
    if (Object.keys(forShow).length) store[String(show)] = forShow;
    else delete store[String(show)];
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }

  private read(): Store {
    try {
      const parsed = storeSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }
}
