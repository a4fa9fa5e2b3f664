/**
 * `npm run fuzz`: the contract fuzzer (test/fuzz) with a random seed, on demand.
 *   FUZZ_SECONDS=300 npm run fuzz           run for 5 minutes (default 120), a new seed per round
 *   FUZZ_SEED=123 FUZZ_PATH=45 npm run fuzz replay a failure (printed with its seed and path)
 * Needs MariaDB (TEST_MYSQL_ADMIN_URL, default root@127.0.0.1:3306); uses the database
 * `<TEST_MYSQL_DATABASE>_fuzz`. Exits 1 on the first failure, printing the request and how to replay it.
 */
import 'reflect-metadata';
import fc from 'fast-check';
import { describe, fuzz, startFuzzTarget, statsReport } from '../test/fuzz/contract-fuzzer';

async function main(): Promise<number> {
  const replaySeed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  const seconds = Number(process.env.FUZZ_SECONDS ?? 120);
  const target = await startFuzzTarget();
  const deadline = performance.now() + seconds * 1000;
  let requests = 0;
  try {
    do {
      const seed = replaySeed ?? Math.floor(Math.random() * 2 ** 31);
      const left = Math.max(1_000, deadline - performance.now());
      const details = await fuzz(target, {
        seed,
        numRuns: replaySeed === undefined ? 2_000 : 1,
        path: process.env.FUZZ_PATH,
        timeLimitMs: replaySeed === undefined ? left : undefined,
      });
      requests += details.numRuns;
      if (details.failed) {
        const request = details.counterexample?.[0];
        console.error(fc.defaultReportMessage(details));
        console.error(String(details.errorInstance));
        if (request) console.error(`request: ${describe(request)}`);
        console.error(`replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npm run fuzz`);
        return 1;
      }
      console.log(`seed ${seed}: ${details.numRuns} requests, no violation`);
    } while (replaySeed === undefined && performance.now() < deadline);
    console.log(statsReport(target.stats));
    console.log(`fuzz: ${requests} requests over ${target.operations.length} operations, no violation`);
    return 0;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
