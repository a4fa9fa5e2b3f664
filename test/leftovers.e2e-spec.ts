import { clearLeftovers, processStartTime } from '../scripts/support/pid-registry';
import { ROOT, spawnProcess } from '../scripts/support/processes';
import { startTsProcess } from './support/processes';

/** A run killed mid-way leaves its children behind; the next run stops them, and only them. */
describe('leftover processes of a killed run', () => {
  it('are stopped by the next run; a live run keeps its own', async () => {
    const owner = await startTsProcess('test/support/leftover-owner.ts', {}, 'child ');
    const orphan = Number(/child (\d+)/.exec(owner.output())![1]);
    const mine = spawnProcess(['600'], {}, 'sleep');
    try {
      owner.process.kill('SIGKILL');
      await new Promise((resolve) => owner.process.once('exit', resolve));
      expect(processStartTime(orphan)).toBeDefined(); // reparented, still running

      const stopped = await clearLeftovers(ROOT);

      expect(stopped).toContainEqual(expect.stringContaining(`pid ${orphan} (sleep 600)`));
      expect(processStartTime(orphan)).toBeUndefined();
      expect(processStartTime(mine.process.pid!)).toBeDefined(); // its owner, this test, is alive
      expect(stopped.join('\n')).not.toContain(`pid ${mine.process.pid} `);
    } finally {
      await mine.stop();
      try {
        process.kill(orphan, 'SIGKILL');
      } catch {
        // stopped by the run above
      }
    }
  });
});
