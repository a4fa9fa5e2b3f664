import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { parseServersFile, ServerEntry, ServersFileError } from '@app/contracts';
import { UsageError } from './cli-errors';

/** Per-try answer timeout (ms) when none is configured: DESIGN.md's 5 s. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/** The global options as commander hands them over (all strings, as typed). */
export interface GlobalOptions {
  servers?: string;
  show?: string;
  token?: string;
  timeoutMs?: string;
  seed?: string;
  config?: string;
  verbose?: boolean;
}

/** The validated configuration of one run. */
export interface CliConfig {
  /** Absolute path of the servers file. */
  serversFile: string;
  /** Its members (`id host port` lines), sorted by id. */
  servers: ServerEntry[];
  /** Default show of `reserve`, `search` and `delete`. */
  show?: number;
  /** Admin token (`Authorization: Bearer …`) of the admin commands. */
  token?: string;
  /** How long one try waits for an answer before the next server is tried, ms. */
  timeoutMs: number;
  /** Seed of the server order (reproducible runs); undefined: truly random. */
  seed?: number;
  verbose: boolean;
}

/** A whole number from `min` to `max`, given as a number (config file) or decimal digits (flag, env). */
const wholeNumber = (min: number, max: number, what: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*[0-9]{1,16}\s*$/.test(value) ? Number(value) : value),
    z
      .number({ invalid_type_error: `must be ${what}` })
      .int(`must be ${what}`)
      .min(min, `must be ${what}`)
      .max(max, `must be ${what}`),
  );

/** The rules of each setting, whatever its source. */
const SETTINGS = {
  servers: z.string().trim().min(1, 'must name a file'),
  show: wholeNumber(1, 2_147_483_647, 'a show id (a positive whole number)'),
  token: z.string().regex(/^[\x21-\x7e]{1,512}$/, 'must be 1 to 512 visible ASCII characters'),
  timeoutMs: wholeNumber(1, 600_000, 'a whole number of milliseconds from 1 to 600000'),
  seed: wholeNumber(0, 4_294_967_295, 'a whole number from 0 to 4294967295'),
};
type Setting = keyof typeof SETTINGS;

/** The optional JSON config file: `{ "servers": "servers.txt", "show": 42, "token": "…", "timeoutMs": 5000 }`. */
const configFileSchema = z
  .object({ servers: z.unknown(), show: z.unknown(), token: z.unknown(), timeoutMs: z.unknown() })
  .partial()
  .strict();
type ConfigFile = z.infer<typeof configFileSchema>;

/** Each setting's flag and environment variable. */
const SOURCES: Record<Setting, { flag: string; option: keyof GlobalOptions; env: string }> = {
  servers: { flag: '--servers', option: 'servers', env: 'SERVERS_FILE' },
  show: { flag: '--show', option: 'show', env: 'MARQUEE_SHOW' },
  token: { flag: '--token', option: 'token', env: 'ADMIN_TOKEN' },
  timeoutMs: { flag: '--timeout-ms', option: 'timeoutMs', env: 'MARQUEE_TIMEOUT_MS' },
  seed: { flag: '--seed', option: 'seed', env: 'MARQUEE_SEED' },
};

/**
 * The run's configuration. Each setting comes from its flag, else its environment variable, else
 * the config file (`--config`, else `MARQUEE_CONFIG`, else `$XDG_CONFIG_HOME/marquee/cli.json` or
 * `~/.config/marquee/cli.json` when it exists); a relative `servers` path in the file is relative
 * to the file. Reads and parses the servers file. `env` is the process environment (read only here).
 * @throws UsageError naming the source and the problem, e.g.
 *   `--show: must be a show id (a positive whole number)` or `/etc/marquee/servers, line 3: port "70000" is not 1–65535`.
 */
export function loadCliConfig(
  options: GlobalOptions,
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): CliConfig {
  const file = readConfigFile(options, env, cwd);
  const setting = <K extends Setting>(key: K): z.infer<(typeof SETTINGS)[K]> | undefined => {
    const { flag, option, env: variable } = SOURCES[key];
    const candidates: { value: unknown; source: string; base: string }[] = [
      { value: options[option], source: flag, base: cwd },
      { value: nonEmpty(env[variable]), source: variable, base: cwd },
      {
        value: file?.values[key as keyof ConfigFile],
        source: `"${key}" in ${file?.path}`,
        base: file ? dirname(file.path) : cwd,
      },
    ];
    const chosen = candidates.find((candidate) => candidate.value !== undefined);
    if (!chosen) return undefined;
    const parsed = SETTINGS[key].safeParse(chosen.value);
    if (!parsed.success) throw new UsageError(`${chosen.source}: ${parsed.error.issues[0].message}`);
    // A path is relative to where it was written: the working directory, or the config file's folder.
    return (key === 'servers' ? resolve(chosen.base, parsed.data as string) : parsed.data) as z.infer<
      (typeof SETTINGS)[K]
    >;
  };
  const serversPath = setting('servers');
  if (serversPath === undefined)
    throw new UsageError('no servers file: give --servers <file> or set SERVERS_FILE (lines of "id host port")');
  return {
    serversFile: serversPath,
    servers: readServersFile(serversPath),
    show: setting('show'),
    token: setting('token'),
    timeoutMs: setting('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
    seed: setting('seed'),
    verbose: options.verbose === true,
  };
}

/** The servers file's members. @throws UsageError when it cannot be read or has a bad line. */
function readServersFile(path: string): ServerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the servers file ${path}: ${systemReason(error)}`);
  }
  try {
    return parseServersFile(text, path);
  } catch (error) {
    if (error instanceof ServersFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** The config file's path and values, if one is named or the default one exists. @throws UsageError. */
function readConfigFile(
  options: GlobalOptions,
  env: Record<string, string | undefined>,
  cwd: string,
): { path: string; values: ConfigFile } | undefined {
  const named = options.config ?? nonEmpty(env.MARQUEE_CONFIG);
  const home = nonEmpty(env.XDG_CONFIG_HOME) ?? (nonEmpty(env.HOME) ? join(env.HOME!, '.config') : undefined);
  const fallback = home ? join(home, 'marquee', 'cli.json') : undefined;
  const path = named ? resolve(cwd, named) : fallback && existsSync(fallback) ? fallback : undefined;
  if (!path) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read the config file ${path}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : systemReason(error)}`,
    );
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}; known: servers, show, token, timeoutMs`
        : 'must be a JSON object';
    throw new UsageError(`config file ${path}: ${what}`);
  }
  return { path, values: parsed.data };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** `ENOENT: no such file…` → `no such file or directory`. */
function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
