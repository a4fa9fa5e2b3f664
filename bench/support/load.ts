import autocannon from 'autocannon';

/**
 * Runs autocannon with `options`, calls `attach` with the instance before the first request (to
 * listen for 'response' and 'reqError') and resolves with autocannon's result.
 */
export function cannon(options: autocannon.Options, attach?: (instance: autocannon.Instance) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)));
    attach?.(instance);
  });
}
