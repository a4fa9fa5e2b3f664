import { spawnProcess } from '../../scripts/support/processes';

// A run that gets killed mid-way (test/leftovers.e2e-spec.ts): starts a long sleep through the
// process helpers, prints its pid, then waits to be killed with SIGKILL.
const child = spawnProcess(['600'], {}, 'sleep');
console.log(`child ${child.process.pid}`);
setInterval(() => undefined, 60_000);
