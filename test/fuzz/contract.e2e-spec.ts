import fc from 'fast-check';
import { describe as describeRequest, fuzz, FuzzTarget, startFuzzTarget } from './contract-fuzzer';

/** Fixed, so a failure in CI replays: `FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz`. */
const SEED = 20_261_201;
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 1_500);
const TIME_LIMIT_MS = 150_000;

describe('contract fuzzer (MariaDB, requests generated from /api/docs-json)', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget();
  }, 60_000);

  afterAll(async () => {
    await target?.close();
  });

  it('covers every operation of the OpenAPI document', () => {
    const paths = target.operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /api/bookings', 'DELETE /api/admin/shows/{id}']));
    expect(target.operations.length).toBeGreaterThan(30);
  });

  it(
    'answers every generated request without a 5xx; refusals change nothing and name the field',
    async () => {
      const details = await fuzz(target, { seed: SEED, numRuns: NUM_RUNS, timeLimitMs: TIME_LIMIT_MS });
      if (details.failed) {
        const request = details.counterexample?.[0];
        throw new Error(
          `${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}\n${request ? describeRequest(request) : ''}\n` +
            `replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npm run fuzz`,
        );
      }
      // The budget must not quietly shrink the run to nothing.
      expect(details.numRuns).toBeGreaterThan(Math.min(NUM_RUNS, 300));
    },
    TIME_LIMIT_MS + 60_000,
  );
});
