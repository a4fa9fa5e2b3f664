import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMEOUT_MS, loadCliConfig } from './cli-config';

describe('loadCliConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-cli-config-'));
  writeFileSync(join(dir, 'servers'), '# cluster\n2 node-b 3000\n1 node-a 3000 # first\n');
  const home = mkdtempSync(join(tmpdir(), 'marquee-cli-home-'));

  it('reads the servers file (sorted by id) and defaults the timeout to 5 s', () => {
    const config = loadCliConfig({ servers: 'servers' }, { HOME: home }, dir);
    expect(config).toEqual({
      serversFile: join(dir, 'servers'),
      servers: [
        { id: 1, host: 'node-a', port: 3000 },
        { id: 2, host: 'node-b', port: 3000 },
      ],
      show: undefined,
      token: undefined,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      seed: undefined,
      verbose: false,
    });
  });

  it('takes each setting from the flag, else the environment, else the config file', () => {
    const file = join(dir, 'cli.json');
    writeFileSync(file, JSON.stringify({ servers: 'servers', show: 3, token: 'file-token', timeoutMs: 900 }));
    const env = { HOME: home, MARQUEE_CONFIG: file, MARQUEE_SHOW: '4', ADMIN_TOKEN: '' };
    expect(loadCliConfig({}, env, '/')).toMatchObject({
      serversFile: join(dir, 'servers'),
      show: 4,
      token: 'file-token',
      timeoutMs: 900,
    });
    expect(loadCliConfig({ show: '5', timeoutMs: '100', seed: '9' }, env, '/')).toMatchObject({
      show: 5,
      timeoutMs: 100,
      seed: 9,
    });
  });

  it('finds ~/.config/marquee/cli.json by itself, and XDG_CONFIG_HOME first', () => {
    mkdirSync(join(home, '.config', 'marquee'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'marquee', 'cli.json'),
      JSON.stringify({ servers: join(dir, 'servers'), show: 11 }),
    );
    expect(loadCliConfig({}, { HOME: home }).show).toBe(11);
    expect(() => loadCliConfig({}, { HOME: home, XDG_CONFIG_HOME: join(home, 'elsewhere') })).toThrow(
      'no servers file',
    );
  });

  it('names the source and the problem of a bad value', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ servers: 'servers', show: -2 }));
    expect(() => loadCliConfig({ config: file }, { HOME: home }, dir)).toThrow(
      `"show" in ${file}: must be a show id (a positive whole number)`,
    );
    expect(() => loadCliConfig({ servers: 'servers' }, { HOME: home, MARQUEE_SHOW: '12abc' }, dir)).toThrow(
      'MARQUEE_SHOW: must be a show id',
    );
    writeFileSync(file, JSON.stringify({ servers: 'servers', shows: 1 }));
    expect(() => loadCliConfig({ config: file }, { HOME: home }, dir)).toThrow(
      `config file ${file}: unknown key(s) shows; known: servers, show, token, timeoutMs`,
    );
    writeFileSync(file, '{ nope');
    expect(() => loadCliConfig({ config: file }, { HOME: home }, dir)).toThrow(
      /^cannot read the config file .*: not JSON/,
    );
  });

  it('passes the servers file’s line errors on', () => {
    writeFileSync(join(dir, 'bad-servers'), '1 a 3000\n1 b 3000\n');
    expect(() => loadCliConfig({ servers: 'bad-servers' }, { HOME: home }, dir)).toThrow(
      `${join(dir, 'bad-servers')}, line 2: id 1 is already used on line 1`,
    );
  });
});
