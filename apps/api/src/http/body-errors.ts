import type { NextFunction, Request, Response } from 'express';

/**
 * Express error handler placed right after the body parsers: a body that is not JSON, too large,
 * or in an unsupported encoding is answered here in Marquee's error shape
 * (`400 MALFORMED_JSON`, `413 PAYLOAD_TOO_LARGE`, `415 UNSUPPORTED_MEDIA_TYPE`); other errors pass on.
 */
export function bodyErrors(
  error: { type?: string; status?: number; limit?: number },
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  switch (error?.type) {
    case 'entity.parse.failed':
      response.status(400).json({ error: 'MALFORMED_JSON', message: 'the request body is not valid JSON' });
      return;
    case 'entity.too.large':
      response.status(413).json({
        error: 'PAYLOAD_TOO_LARGE',
        message: `the request body is larger than ${error.limit} bytes`,
        limit: error.limit,
      });
      return;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      response.status(415).json({ error: 'UNSUPPORTED_MEDIA_TYPE', message: 'the request body must be UTF-8 JSON' });
      return;
    default:
      next(error);
  }
}
