import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';

/**
 * Flattens class-validator errors into `[{ field: 'customer.email', problems: [...] }]`. A key
 * that is empty or not a plain name is quoted (`""`, `"a.b"`), so every field has a name.
 */
function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const name = /^[A-Za-z0-9_$-]+$/.test(error.property) ? error.property : JSON.stringify(error.property);
    const field = prefix ? `${prefix}.${name}` : name;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Nest's ValidationPipe without its conversion of single path and query parameters: it turns
 * `+1`, `0x10`, `1e3`, ` 1` into numbers before ParseIdPipe sees them, so ids in non-canonical
 * form reached the services. Parameters stay the strings they were; their pipes parse them.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, _metadata: ArgumentMetadata): unknown {
    return value;
  }
}

/**
 * The global validation pipe: unknown fields are refused, types are checked and transformed
 * (single path and query parameters are left to their own pipes).
 * Errors become VALIDATION_FAILED (400) naming each field.
 */
export function validationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const message = fields.map((field) => field.problems.join(', ')).join('; ') || 'invalid input';
      return new DomainError(ErrorCode.ValidationFailed, message, { fields });
    },
  });
}
