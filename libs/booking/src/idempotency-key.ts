import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { InvalidInput } from '@app/common';

/**
 * The optional `Idempotency-Key` header: 1–255 visible ASCII characters (a UUID is typical).
 * @throws InvalidInput (400) when present but malformed or repeated.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new InvalidInput('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
  }
  return value;
});

/** OpenAPI description of the header. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first booking and books nothing new.',
  });
