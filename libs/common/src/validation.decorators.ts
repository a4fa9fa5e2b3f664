import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** Largest id of any table (signed 32-bit INT columns). */
export const MAX_ID = 2_147_483_647;

/** Canonical decimal: `0` or digits without a leading zero, sign, space, exponent or radix prefix. */
const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * The one rule for an optional field: absent (`undefined`) skips the field's validators; `null`
 * is a value like any other and is refused by them, unless `nullable` says the contract allows it.
 * Use instead of class-validator's `@IsOptional()`, which lets `null` through.
 */
export function OptionalField(options: { nullable?: boolean } = {}): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && !(options.nullable && value === null));
}

/**
 * Parses a canonical decimal integer written as text (a query parameter): `"12"` becomes 12;
 * anything else (`"+1"`, `"0x10"`, `"1e3"`, `" 1"`, `"07"`, an array) is left as it is, so the
 * field's `@IsInt()` refuses it and names the field.
 */
export function CanonicalInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && CANONICAL_DECIMAL.test(value) ? Number(value) : value,
  );
}

/** A query parameter that must be a canonical decimal integer from `min` to `max`. */
export function QueryInteger(min: number, max: number): PropertyDecorator {
  return applyDecorators(CanonicalInteger(), IsInt(), Min(min), Max(max));
}

/** True when `text` is a canonical decimal integer (see {@link CanonicalInteger}). */
export function isCanonicalDecimal(text: string): boolean {
  return CANONICAL_DECIMAL.test(text);
}
