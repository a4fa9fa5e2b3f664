import autocannon from 'autocannon';

/**
 * autocannon keeps every response body as a string (PipelinedRequestsQueue.addBody) for
 * `verifyBody`/`onResponse`, which the benchmarks do not use. With 50 KB seat maps that string
 * building is most of the load generator's CPU, on the same 2 cores as the servers, so it is
 * turned off here; byte counts are kept by addByteCount and are unaffected.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a private module of autocannon, no types
const Queue = require('autocannon/lib/pipelinedRequestsQueue') as { prototype: { addBody(data: Buffer): void } };
Queue.prototype.addBody = () => undefined;

/**
 * Runs autocannon with `options`, calls `attach` with the instance before the first request (to
 * listen for 'response' and 'reqError') and resolves with autocannon's result.
 */
export function cannon(
  options: autocannon.Options,
  attach?: (instance: autocannon.Instance) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) =>
      error ? reject(error) : resolve(result),
    );
    attach?.(instance);
  });
}
