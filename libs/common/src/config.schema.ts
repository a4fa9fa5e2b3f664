import { z } from 'zod';

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

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

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
  DATABASE_URL: url(['mysql', 'mariadb']).optional().or(z.literal('').transform(() => undefined)),
  DATABASE_REPLICA_URLS: optionalString,
  DATABASE_POOL_SIZE: integer(1, 500, 20),
  SQLITE_PATH: z.string().trim().min(1).default('./data/marquee.sqlite'),
  REDIS_URL: url(['redis', 'rediss']).optional().or(z.literal('').transform(() => undefined)),
  TMDB_BASE_URL: url(['http', 'https']).default('https://api.themoviedb.org/3'),
  TMDB_API_KEY: optionalString,
  TMDB_READ_TOKEN: optionalString,
  TMDB_TIMEOUT_MS: integer(100, 120_000, 10_000),
  TMDB_MAX_RETRIES: integer(0, 10, 3),
  TMDB_SNAPSHOT_DIR: optionalString,
  ADMIN_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional().or(z.literal('').transform(() => undefined)),
  HOLD_TTL_SECONDS: integer(1, 86_400, 300),
  BOOKING_CONCURRENCY: integer(1, 256, 16),
  MAX_SEATS_PER_BOOKING: integer(1, 50, 10),
  RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 120),
  NODE_ID: integer(1, 1_000_000, 1),
  SERVERS_FILE: optionalString,
  SEED_ON_EMPTY: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
  SCHEDULE_DAYS: integer(1, 31, 7),
  /** IANA zone of the cinemas' wall clock: opening hours and `date=YYYY-MM-DD` filters. */
  CINEMA_TIME_ZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as UTC or Europe/Paris' }),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

/** The validated, typed configuration. */
export type AppConfig = z.infer<typeof configSchema>;

/**
 * Validates raw environment variables into an {@link AppConfig}.
 * @throws Error naming every offending variable, e.g. `PORT: Expected number, received nan`.
 */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
