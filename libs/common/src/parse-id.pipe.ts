import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain.error';

const MAX_ID = 2_147_483_647;

/**
 * Parses a numeric path id: a positive integer up to 2^31-1 written in decimal digits.
 * @throws DomainError VALIDATION_FAILED (400) naming the parameter otherwise.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    const id = /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) {
      throw new DomainError(ErrorCode.ValidationFailed, `${field} must be a positive integer id`, {
        fields: [{ field, problems: ['must be a positive integer id'] }],
      });
    }
    return id;
  }
}
