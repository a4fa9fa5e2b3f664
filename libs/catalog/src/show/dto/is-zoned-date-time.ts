import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../../schedule/local-time';

const PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * True for an ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`) naming a real instant:
 * `2030-06-03T18:30:00Z`, `2030-06-03T20:30+02:00`. A bare local time would be ambiguous, and
 * `Date` alone would roll `02-30` over into March, so both are refused.
 */
export function isZonedDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [, date, hour, minute, second, , offsetHour, offsetMinute] = match;
  return (
    isCalendarDate(date) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second ?? 0) <= 59 &&
    Number(offsetHour ?? 0) <= 18 &&
    Number(offsetMinute ?? 0) <= 59 &&
    Number.isFinite(Date.parse(value))
  );
}

/** Validates with {@link isZonedDateTime}. */
export function IsZonedDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isZonedDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an ISO-8601 date-time with a zone, e.g. 2030-06-03T18:30:00Z`,
        ...options,
      },
      validator: { validate: isZonedDateTime },
    });
}
