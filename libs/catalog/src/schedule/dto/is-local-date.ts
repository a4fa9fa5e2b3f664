import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../local-time';

/** A real calendar date written `YYYY-MM-DD` (a local day, read in each theater's zone). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD from 2000 to 2099`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}
