import type { NextFunction, Request, Response } from 'express';

/** One field's problem, in the shape of VALIDATION_FAILED's `fields`. */
function field(name: string, problem: string) {
  return { fields: [{ field: name, problems: [problem] }] };
}

/**
 * Express error handler placed right after the body parsers: a body that is not JSON, too large,
 * compressed (`Content-Encoding`, never inflated) or not UTF-8 is answered here in Marquee's error
 * shape (`400 MALFORMED_JSON`, `413 PAYLOAD_TOO_LARGE`, `415 UNSUPPORTED_MEDIA_TYPE`), naming
 * the field (`body`, `content-encoding`, `content-type`); other errors pass on.
 */
export function bodyErrors(
  error: { type?: string; status?: number; limit?: number },
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  switch (error?.type) {
    case 'entity.parse.failed':
      response.status(400).json({
        error: 'MALFORMED_JSON',
        message: 'the request body is not valid JSON',
        ...field('body', 'is not JSON'),
      });
      return;
    case 'entity.too.large':
      response.status(413).json({
        error: 'PAYLOAD_TOO_LARGE',
        message: `the request body is larger than ${error.limit} bytes`,
        limit: error.limit,
        ...field('body', `is larger than ${error.limit} bytes`),
      });
      return;
    case 'encoding.unsupported':
      response.status(415).json({
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'the request body must not be compressed (no Content-Encoding)',
        ...field('content-encoding', 'is not supported'),
      });
      return;
    case 'charset.unsupported':
      response.status(415).json({
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'the request body must be UTF-8 JSON',
        ...field('content-type', 'charset must be utf-8'),
      });
      return;
    case 'request.size.invalid':
    case 'request.aborted':
    case 'stream.encoding.set':
      response.status(400).json({
        error: 'BAD_REQUEST',
        message: 'the request body could not be read',
        ...field('body', 'is incomplete'),
      });
      return;
    default:
      next(error);
  }
}
