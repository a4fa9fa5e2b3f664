import { isIP } from 'node:net';
import { z } from 'zod';

/** A token or key shared by the cluster: at least 16 characters; unset or empty: undefined. */
const secret = () =>
  z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined));

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .url()
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}://`)), {
      message: `must start with ${protocols.map((protocol) => `${protocol}://`).join(' or ')}`,
    });

/** A comma-separated list (empty: none) of trimmed items, each `normalise`d and checked by `item`. */
const commaList = <T extends z.ZodTypeAny>(item: T, normalise: (value: string) => string = (value) => value) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => normalise(entry.trim()))
        .filter(Boolean),
    )
    .pipe(z.array(item));

/** A comma-separated list of URLs (empty: none). */
const urlList = (protocols: string[]) => commaList(url(protocols));

/** An address or CIDR range, or a name proxy-addr knows (`loopback`, `linklocal`, `uniquelocal`). */
function isProxyAddress(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = /^[0-9]{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** A comma-separated list of proxy addresses (empty: none). */
const proxyList = commaList(
  z.string().refine(isProxyAddress, {
    message: 'each entry must be an IP address, a CIDR range, loopback, linklocal or uniquelocal',
  }),
);

/** A comma-separated list of ids in canonical decimal form (empty: none). */
const idList = commaList(z.string().regex(/^[1-9][0-9]{0,18}$/, 'must be ids in decimal form, e.g. 38127,40112'));

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** True for an ISO 4217 code this runtime's Intl knows, e.g. `EUR` (upper case). */
export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && Intl.supportedValuesOf('currency').includes(value);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The one configuration schema (DESIGN.md "Configuration"). Every variable Marquee reads is
 * here; nothing else reads `process.env`. Units are in the names: `_SECONDS`, `_MS`, `_CENTS`.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(0, 65535, 3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalString,
  DATABASE_URL: url(['mysql', 'mariadb'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Replicas of DATABASE_URL's server (comma-separated): reads of catalogue and seat maps, failover candidates. */
  DATABASE_REPLICA_URLS: urlList(['mysql', 'mariadb']),
  /** Login with which the failover leader manages the servers (read_only, CHANGE MASTER…), and replication's own. */
  DATABASE_ADMIN_USER: z.string().trim().min(1).default('root'),
  DATABASE_ADMIN_PASSWORD: z.string().default(''),
  DATABASE_REPLICATION_USER: z.string().trim().min(1).default('repl'),
  DATABASE_REPLICATION_PASSWORD: z.string().default('repl'),
  /** How long the primary must stay unreachable before the leader promotes a replica. */
  /** `auto`: the elected leader watches the primary and promotes a replica; `off`: never (tests, manual operation). */
  DATABASE_FAILOVER: z.enum(['auto', 'off']).default('auto'),
  DATABASE_FAILOVER_TIMEOUT_MS: integer(200, 600_000, 3_000),
  /** How often a node asks the servers for the epoch, in case it missed a failover (0: only when told or when writes fail). */
  DATABASE_EPOCH_POLL_MS: integer(0, 600_000, 2_000),
  DATABASE_POOL_SIZE: integer(1, 500, 20),
  /**
   * The longest a write transaction may take on MySQL (ms), COMMIT included: past it the node cuts
   * the connection and answers 503 — a hung primary (SIGSTOP, a full disk) or a COMMIT that no
   * replica acknowledges (semi-sync never falls back) cannot keep a request waiting.
   */
  DATABASE_WRITE_TIMEOUT_MS: integer(500, 600_000, 5_000),
  SQLITE_PATH: z.string().trim().min(1).default('./data/marquee.sqlite'),
  REDIS_URL: url(['redis', 'rediss'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TMDB_BASE_URL: url(['http', 'https']).default('https://api.themoviedb.org/3'),
  TMDB_API_KEY: optionalString,
  TMDB_READ_TOKEN: optionalString,
  TMDB_TIMEOUT_MS: integer(100, 120_000, 10_000),
  TMDB_MAX_RETRIES: integer(0, 10, 3),
  TMDB_SNAPSHOT_DIR: optionalString,
  /** The International Showtimes API (v4/v5 shapes): base URL, key (sent as X-API-Key), what to import. */
  SHOWTIMES_BASE_URL: url(['http', 'https']).default('https://api.internationalshowtimes.com/v4'),
  SHOWTIMES_API_KEY: optionalString,
  /** Cinema ids of the source, comma-separated; or a country filter; or a location and radius. */
  SHOWTIMES_CINEMA_IDS: idList,
  SHOWTIMES_COUNTRIES: commaList(
    z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2 country codes, e.g. DE,FR'),
    (value) => value.toUpperCase(),
  ),
  SHOWTIMES_LOCATION: z
    .string()
    .trim()
    .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'must be "lat,lon" in decimal degrees, e.g. 45.76,4.83')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SHOWTIMES_DISTANCE_KM: integer(1, 500, 20),
  /** Days of showtimes asked for from now (time_from/time_to). */
  SHOWTIMES_DAYS: integer(1, 31, 7),
  SHOWTIMES_TIMEOUT_MS: integer(100, 120_000, 10_000),
  SHOWTIMES_MAX_RETRIES: integer(0, 10, 3),
  /** The leader re-imports the programme this often (0: never; needs SHOWTIMES_API_KEY). */
  SHOWTIMES_REFRESH_HOURS: integer(0, 8_760, 24),
  SHOWTIMES_SNAPSHOT_DIR: optionalString,
  /** Prices of imported shows until an admin sets the theater's: standard (and wheelchair) and premium seats. */
  SHOWTIMES_DEFAULT_PRICE_CENTS: integer(0, 100_000, 1_200),
  SHOWTIMES_DEFAULT_PREMIUM_PRICE_CENTS: integer(0, 100_000, 1_800),
  ADMIN_TOKEN: secret(),
  /**
   * Key of the HMAC-SHA256 on tickets' QR codes; every node must share it. Unset: derived from
   * ADMIN_TOKEN (which the cluster shares already), else an embedded default (one node, no setup).
   */
  TICKET_SIGNING_SECRET: secret(),
  /**
   * Key of the waiting room's admission tokens (HMAC-SHA256), the same on every node; unset:
   * derived from ADMIN_TOKEN, else a random key per process (embedded mode: one node).
   */
  WAITING_ROOM_SECRET: secret(),
  /** Staff token of the door (`Authorization: Bearer $DOOR_TOKEN`); the admin token works too. */
  DOOR_TOKEN: secret(),
  /** Doors open this many minutes before a show starts; they close when it ends. */
  DOOR_OPENS_MINUTES: integer(0, 1_440, 60),
  /** Where confirmation e-mails go: `smtp://user:pass@host:587` or `smtps://…`; unset: `.eml` files in MAIL_OUTBOX_DIR. */
  SMTP_URL: url(['smtp', 'smtps'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The From of confirmation e-mails. */
  MAIL_FROM: z.string().trim().min(3).default('Marquee <tickets@marquee.local>'),
  MAIL_OUTBOX_DIR: z.string().trim().min(1).default('./data/outbox'),
  /** How often each node runs the (cluster-wide, idempotent) admission step of every queued show. */
  WAITING_ROOM_TICK_MS: integer(20, 10_000, 250),
  HOLD_TTL_SECONDS: integer(1, 86_400, 300),
  /** Currency (ISO 4217) of theaters an admin gave none (libs/pricing). */
  DEFAULT_CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .default('EUR')
    .refine(isCurrencyCode, { message: 'must be an ISO 4217 currency code, e.g. EUR' }),
  BOOKING_CONCURRENCY: integer(1, 256, 16),
  MAX_SEATS_PER_BOOKING: integer(1, 50, 10),
  /** Hold, booking, reservation and ticket requests per client per minute, counted across those routes. */
  RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 120),
  /** Wrong or missing admin tokens per client per minute before the client's admin requests are refused (429). */
  ADMIN_AUTH_FAILURES_PER_MINUTE: integer(1, 100_000, 10),
  /** How long a client that exceeded ADMIN_AUTH_FAILURES_PER_MINUTE stays refused. */
  ADMIN_AUTH_BLOCK_SECONDS: integer(1, 86_400, 300),
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, `loopback`); empty: none, the peer is the client. */
  TRUSTED_PROXIES: proxyList,
  /** Unexpired, unconfirmed holds per customer email, and per client address, across all shows. */
  MAX_HOLDS_PER_CUSTOMER: integer(1, 10_000, 5),
  MAX_HOLDS_PER_CLIENT: integer(1, 100_000, 20),
  /**
   * Who may look up or release a name's reservation: `secret` (default) the holder of the secret
   * the reservation answered, or the admin token; `open` anyone who knows the name.
   */
  RESERVATION_NAME_ACCESS: z.enum(['secret', 'open']).default('secret'),
  /** Open seat-map event streams (SSE) per client address, per node. */
  MAX_EVENT_STREAMS_PER_CLIENT: integer(1, 10_000, 10),
  NODE_ID: integer(1, 1_000_000, 1),
  /** Cluster members: a servers file (`id host port` a line) or the same list inline (`1=host:port,…`). */
  SERVERS_FILE: optionalString,
  CLUSTER_SERVERS: optionalString,
  /** Cluster timings: heartbeats, the adaptive failure timeout and its bounds, election and message waits. */
  HEARTBEAT_INTERVAL_MS: integer(20, 60_000, 1_000),
  FAILURE_TIMEOUT_MS: integer(50, 600_000, 5_000),
  FAILURE_TIMEOUT_MIN_MS: integer(50, 600_000, 2_000),
  FAILURE_TIMEOUT_MAX_MS: integer(50, 600_000, 30_000),
  ELECTION_ANSWER_TIMEOUT_MS: integer(20, 60_000, 1_000),
  CLUSTER_MESSAGE_TIMEOUT_MS: integer(20, 60_000, 1_000),
  /** Which election a node starts itself: Bully (Garcia-Molina 1982) or Ring (Chang–Roberts 1979). */
  ELECTION_ALGORITHM: z.enum(['bully', 'ring']).default('bully'),
  /** Berkeley clock synchronisation: how often the leader polls the clocks (0: never). */
  CLOCK_SYNC_INTERVAL_MS: integer(0, 3_600_000, 10_000),
  /** Offsets further than this from the median are left out of the Berkeley average. */
  CLOCK_OUTLIER_MS: integer(1, 86_400_000, 1_000),
  /** A node whose clock is further off the cluster's than this reports its health degraded. */
  MAX_CLOCK_OFFSET_MS: integer(1, 86_400_000, 500),
  /** How long a request for the cluster lock (Lamport mutual exclusion) may wait before it gives up. */
  CLUSTER_LOCK_TIMEOUT_MS: integer(100, 600_000, 10_000),
  /** Leader-only work: sweep lapsed holds this often; refresh the catalogue from TMDB every N hours (0: never). */
  HOLD_SWEEP_INTERVAL_SECONDS: integer(1, 86_400, 60),
  CATALOG_REFRESH_HOURS: integer(0, 8_760, 24),
  SEED_ON_EMPTY: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
  SCHEDULE_DAYS: integer(1, 31, 7),
  /** IANA zone of the theaters made here (imported ones have their own, from their location): their opening hours and wall clock. */
  CINEMA_TIME_ZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as UTC or Europe/Paris' }),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** `text`: Nest's human-readable lines; `json`: one JSON object per line (pino), for containers. */
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
});

/** The validated, typed configuration. */
export type AppConfig = z.infer<typeof configSchema>;

/**
 * Validates raw environment variables into an {@link AppConfig}.
 * @throws Error naming every offending variable, e.g. `PORT: Expected number, received nan`.
 */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const result = configSchema.safeParse(env);
  const problems = result.success
    ? crossChecks(result.data)
    : result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  if (!result.success || problems.length) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  return result.data;
}

/** Rules between variables, each problem naming them. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.DATABASE_REPLICA_URLS.length && !config.DATABASE_URL)
    problems.push('  DATABASE_REPLICA_URLS: needs DATABASE_URL (the primary)');
  if (config.SERVERS_FILE && config.CLUSTER_SERVERS)
    problems.push('  SERVERS_FILE, CLUSTER_SERVERS: set one of them, not both');
  if (!(
    config.FAILURE_TIMEOUT_MIN_MS <= config.FAILURE_TIMEOUT_MS &&
    config.FAILURE_TIMEOUT_MS <= config.FAILURE_TIMEOUT_MAX_MS
  )) {
    problems.push('  FAILURE_TIMEOUT_MS: must lie between FAILURE_TIMEOUT_MIN_MS and FAILURE_TIMEOUT_MAX_MS');
  }
  if (config.HEARTBEAT_INTERVAL_MS >= config.FAILURE_TIMEOUT_MIN_MS) {
    problems.push('  HEARTBEAT_INTERVAL_MS: must be shorter than FAILURE_TIMEOUT_MIN_MS');
  }
  const filters = [
    config.SHOWTIMES_CINEMA_IDS.length ? 'SHOWTIMES_CINEMA_IDS' : '',
    config.SHOWTIMES_COUNTRIES.length ? 'SHOWTIMES_COUNTRIES' : '',
    config.SHOWTIMES_LOCATION ? 'SHOWTIMES_LOCATION' : '',
  ].filter(Boolean);
  if (filters.length > 1) problems.push(`  ${filters.join(', ')}: set one filter of the showtimes import, not several`);
  if (config.SHOWTIMES_API_KEY && !filters.length) {
    problems.push(
      '  SHOWTIMES_API_KEY: needs what to import: SHOWTIMES_CINEMA_IDS, SHOWTIMES_COUNTRIES or SHOWTIMES_LOCATION',
    );
  }
  return problems;
}
