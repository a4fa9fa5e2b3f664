import { z } from 'zod';
import { ApiAnswer, describeServer } from './api-client';
import { Failure, Unreachable, UsageError } from './cli-errors';
import { failedMessage } from './messages';

/** The API's error body (DESIGN.md "HTTP contract"): `{ error: CODE, message, ...details }`. */
const errorBodySchema = z.object({ error: z.string(), message: z.string() }).passthrough();
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * `answer.body` checked against `schema` (answers are external input too).
 * @throws Unreachable naming the server when the body does not have the expected shape.
 */
export function bodyOf<T>(answer: ApiAnswer, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new Unreachable(
    `${describeServer(answer.server)} gave an unexpected ${answer.status} answer (${issue.message}${where}); is it a Marquee server?`,
  );
}

/** The error body of a 4xx answer. @throws Unreachable when it is not one. */
export function errorOf(answer: ApiAnswer): ErrorBody {
  return bodyOf(answer, errorBodySchema);
}

/**
 * The usual reading of a refusal: bad input (400) and a refused admin token (401, 403) are usage
 * errors; anything else (404, 409, 410, 429, …) is a `Failed: <server's message>.` outcome.
 * @throws always: UsageError, Failure, or Unreachable for a body that is not an API error.
 */
export function refusal(answer: ApiAnswer): never {
  const error = errorOf(answer);
  if (answer.status === 400) throw new UsageError(`the server refused the input: ${error.message}`);
  if (answer.status === 401 || answer.status === 403)
    throw new UsageError(`the server refused the admin token (${answer.status} ${error.error}): ${error.message}`);
  throw new Failure(failedMessage(error.message));
}
