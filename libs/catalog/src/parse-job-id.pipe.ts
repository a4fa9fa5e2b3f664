import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';

/** Job ids: in-process UUIDs, or BullMQ `catalog.<n>` / `holds.<custom id>`. */
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * Checks a job id path parameter: 1 to 100 characters of letters, digits, `.`, `_`, `:` and `-`,
 * starting with a letter or digit.
 * @throws DomainError VALIDATION_FAILED (400) naming the parameter otherwise.
 */
@Injectable()
export class ParseJobIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && JOB_ID.test(value)) return value;
    const field = metadata.data ?? 'id';
    const problem = 'must be a job id (1-100 letters, digits, ".", "_", ":" or "-")';
    throw new DomainError(ErrorCode.ValidationFailed, `${field} ${problem}`, {
      fields: [{ field, problems: [problem] }],
    });
  }
}
