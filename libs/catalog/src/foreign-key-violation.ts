/**
 * True for a foreign-key violation: MySQL 1451 (a row is still referenced) or 1452 (the
 * referenced row is missing); SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`, or
 * `SQLITE_CONSTRAINT_TRIGGER` "FOREIGN KEY constraint failed", which is how SQLite reports an
 * `ON DELETE RESTRICT` action.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { errno?: number; code?: string; message?: string } })?.driverError;
  const source = driverError ?? (error as { errno?: number; code?: string; message?: string });
  return (
    source?.errno === 1451 ||
    source?.errno === 1452 ||
    source?.code === 'ER_ROW_IS_REFERENCED_2' ||
    source?.code === 'ER_NO_REFERENCED_ROW_2' ||
    source?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    (source?.code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY constraint failed/i.test(source?.message ?? ''))
  );
}
