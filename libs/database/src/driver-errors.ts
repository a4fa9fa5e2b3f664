/** Driver error numbers that mean "the transaction lost a race; run it again". */
const RETRYABLE_MYSQL = new Set([1205 /* lock wait timeout */, 1213 /* deadlock */]);

type DriverError = { errno?: number; code?: string; message?: string };

/** The driver's own error inside a TypeORM QueryFailedError, or the error itself. */
function driverErrorOf(error: unknown): DriverError | undefined {
  return (error as { driverError?: DriverError })?.driverError ?? (error as DriverError);
}

/** True for a unique-key violation (MySQL 1062, SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const source = driverErrorOf(error);
  return (
    source?.errno === 1062 ||
    source?.code === 'ER_DUP_ENTRY' ||
    source?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    source?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** True for errors that a re-run of the whole transaction can cure (deadlock, lock wait, busy). */
export function isRetryable(error: unknown): boolean {
  const source = driverErrorOf(error);
  return RETRYABLE_MYSQL.has(source?.errno ?? 0) || source?.code === 'SQLITE_BUSY';
}

/** The number of rows an UPDATE/DELETE changed, for both drivers' result shapes. */
export function affectedRows(result: { affected?: number | null }): number {
  return result.affected ?? 0;
}

/**
 * True for a foreign-key violation: MySQL 1451 (a row is still referenced) or 1452 (the
 * referenced row is missing); SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`, or
 * `SQLITE_CONSTRAINT_TRIGGER` "FOREIGN KEY constraint failed", which is how SQLite reports an
 * `ON DELETE RESTRICT` action.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const source = driverErrorOf(error);
  return (
    source?.errno === 1451 ||
    source?.errno === 1452 ||
    source?.code === 'ER_ROW_IS_REFERENCED_2' ||
    source?.code === 'ER_NO_REFERENCED_ROW_2' ||
    source?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    (source?.code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY constraint failed/i.test(source?.message ?? ''))
  );
}

/** Codes of a lost or impossible connection (Node sockets, mysql2 protocol and pool cluster). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_NONEONLINE',
  'POOL_NOEXIST',
]);
/**
 * MySQL error numbers that mean "this server cannot take the statement now": 1053 shutdown in
 * progress, 1290 / 1836 read-only (a fenced old primary or a replica), 1927 connection killed,
 * 2002 / 2003 cannot connect, 2006 gone away, 2013 lost during a query.
 */
const UNAVAILABLE_ERRNOS = new Set([1053, 1290, 1836, 1927, 2002, 2003, 2006, 2013]);

/**
 * True when the database could not run a statement because the server is gone, unreachable,
 * shutting down or read-only (e.g. during a primary failover), as opposed to an error in the
 * statement. A transaction failing so was not committed unless the error came at COMMIT.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const source = driverErrorOf(error) as DriverError & { fatal?: boolean };
  if (!source || typeof source !== 'object') return false;
  return (
    CONNECTION_CODES.has(source.code ?? '') ||
    UNAVAILABLE_ERRNOS.has(source.errno ?? 0) ||
    (source.fatal === true && /closed state|connection lost/i.test(source.message ?? ''))
  );
}
