import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain.error';
import { isCanonicalDecimal, MAX_ID } from './validation.decorators';

/**
 * Parses a numeric path id: a positive integer up to 2^31-1 in canonical decimal (no sign,
 * leading zero, space, exponent or radix prefix: `+1`, `07`, `1e3`, `0x10`, ` 1` are refused),
 * before any service runs. Used on every numeric-id route.
 * @throws DomainError VALIDATION_FAILED (400) naming the parameter otherwise.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    const id = typeof value === 'string' && isCanonicalDecimal(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) {
      throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a positive integer id`, {
        fields: [{ field, problems: ['must be a positive integer id'] }],
      });
    }
    return id;
  }
}
