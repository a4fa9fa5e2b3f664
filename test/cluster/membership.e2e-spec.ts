import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsProcess } from '../support/processes';

jest.setTimeout(60_000);

/** A node booted with `env` on a throwaway SQLite file; resolves with its output once it exits. */
function bootFails(env: Record<string, string>): Promise<string> {
  return startTsProcess(
    'apps/api/src/main.ts',
    { SQLITE_PATH: join(dir, `${Math.random()}.sqlite`), SEED_ON_EMPTY: 'false', PORT: '0', ...env },
    'is up',
    45_000,
  ).then(
    async (child) => {
      await child.stop();
      throw new Error(`the node booted:\n${child.output()}`);
    },
    (error: Error) => error.message,
  );
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marquee-membership-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cluster membership at boot', () => {
  it('a malformed servers file stops the node with the line number and the reason', async () => {
    const file = join(dir, 'servers.txt');
    writeFileSync(file, '# members\n1 127.0.0.1 3001\n\n2 127.0.0.1 70000\n');
    const [badPort, notListed] = await Promise.all([
      bootFails({ SERVERS_FILE: file, NODE_ID: '1', ADMIN_TOKEN: 'membership-test-token-123' }),
      bootFails({
        CLUSTER_SERVERS: '1=127.0.0.1:3001,2=127.0.0.1:3002',
        NODE_ID: '3',
        ADMIN_TOKEN: 'membership-test-token-123',
      }),
    ]);
    expect(badPort).toContain(`${file}, line 4: port "70000" is not 1–65535`);
    expect(badPort).toMatch(/exited with 1/);
    expect(notListed).toContain("NODE_ID 3 is not listed in the cluster's servers (ids 1, 2)");
  });

  it('a node with peers but no shared database (SQLite) refuses to start, saying why', async () => {
    const output = await bootFails({
      CLUSTER_SERVERS: '1=127.0.0.1:3001,2=127.0.0.1:3002',
      NODE_ID: '1',
      ADMIN_TOKEN: 'membership-test-token-123',
      DATABASE_URL: '',
    });
    expect(output).toContain('DATABASE_URL must be set when the cluster has more than one node');
    expect(output).toMatch(/exited with 1/);
  });
});
