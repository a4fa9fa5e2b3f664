import { clearLeftovers } from '../../scripts/support/pid-registry';
import { ROOT } from '../../scripts/support/processes';

/**
 * Jest global setup (every project): stops the processes an earlier run started and could not stop
 * because it was killed mid-way (scripts/support/pid-registry.ts), and says which.
 */
export default async function clearLeftoverProcesses(): Promise<void> {
  for (const line of await clearLeftovers(ROOT)) console.log(`[test] stopped a leftover of an earlier run: ${line}`);
}
