import { Connection, createConnection, RowDataPacket } from 'mysql2/promise';
import { Credentials, ServerAddress, serverKey } from './database-server';

/** How long to wait for a TCP connection and handshake (ms). */
export const CONNECT_TIMEOUT_MS = 1_500;
/** Default ceiling of one statement over a link (ms). */
export const STATEMENT_TIMEOUT_MS = 5_000;

/**
 * One lazily opened connection to one server, used by the replication code (discovery, probes,
 * promotion) outside TypeORM's pools: such work must reach a given server, not "a replica". An
 * error or a timeout destroys the connection; the next statement opens a new one. Statements
 * over one link run one after another (the MySQL protocol is sequential anyway).
 */
export class SqlLink {
  private connection?: Promise<Connection>;

  constructor(
    readonly server: ServerAddress,
    private readonly login: Credentials,
    private readonly database?: string,
  ) {}

  /** `host:port` of the server. */
  get key(): string {
    return serverKey(this.server);
  }

  /**
   * Runs one statement and returns its rows (or the result header for writes).
   * @throws the driver's error (connection refused, timeout `PROTOCOL_SEQUENCE_TIMEOUT`, SQL errors).
   */
  async query<T = RowDataPacket[]>(sql: string, values: unknown[] = [], timeoutMs = STATEMENT_TIMEOUT_MS): Promise<T> {
    const connection = await this.open();
    try {
      const [rows] = await connection.query({ sql, values, timeout: timeoutMs });
      return rows as T;
    } catch (error) {
      // A timed-out or broken connection may be mid-statement: never reuse it. An SQL error
      // (errno set, connection fine) keeps it.
      if (!isSqlError(error)) this.drop();
      throw error;
    }
  }

  /** A second link to the same server with the same login: for a statement while this one is busy. */
  sibling(): SqlLink {
    return new SqlLink(this.server, this.login, this.database);
  }

  /** Closes the connection, if any (session locks it held are released by the server). */
  drop(): void {
    const connection = this.connection;
    this.connection = undefined;
    connection?.then((open) => open.destroy()).catch(() => undefined);
  }

  private open(): Promise<Connection> {
    if (!this.connection) {
      const opening = createConnection({
        host: this.server.host,
        port: this.server.port,
        user: this.login.user,
        password: this.login.password,
        database: this.database,
        connectTimeout: CONNECT_TIMEOUT_MS,
        supportBigNumbers: true,
        bigNumberStrings: true,
        dateStrings: true,
      });
      opening.then(
        (connection) => connection.on('error', () => this.connection === opening && this.drop()),
        () => this.connection === opening && (this.connection = undefined),
      );
      this.connection = opening;
    }
    return this.connection;
  }
}

/** True for an error the server answered (the connection is still usable). */
function isSqlError(error: unknown): boolean {
  const source = error as { sqlState?: string; fatal?: boolean };
  return !!source?.sqlState && !source.fatal;
}
