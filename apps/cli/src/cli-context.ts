import { ApiClient } from './api-client';
import { CliConfig, GlobalOptions, loadCliConfig } from './cli-config';
import { UsageError } from './cli-errors';
import { Transport } from './http-transport';
import { SecretStore } from './secret-store';
import { serverOrder } from './server-order';

/** Where the CLI writes: raw text to stdout and stderr. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What a command runs with: its configuration, the failover HTTP client, and stderr for notes. */
export interface CliContext {
  config: CliConfig;
  client: ApiClient;
  /** The secrets of this user's reservations on this server list. */
  secrets: SecretStore;
  /** Writes one line to stderr (notes that are not the command's answer). */
  note(line: string): void;
}

/** What the CLI needs from its surroundings; tests give their own. */
export interface CliEnvironment {
  env: Record<string, string | undefined>;
  io: CliIo;
  cwd?: string;
  /** HTTP transport; default node:http. */
  transport?: Transport;
}

/**
 * The context of one command: loads the configuration and orders the servers at random (by
 * `--seed` when given). @throws UsageError for bad configuration (see loadCliConfig).
 */
export function createContext(options: GlobalOptions, environment: CliEnvironment): CliContext {
  const config = loadCliConfig(options, environment.env, environment.cwd);
  const note = (line: string) => environment.io.stderr(`${line}\n`);
  const order = serverOrder(config.servers, config.seed);
  const client = new ApiClient(
    order,
    config.timeoutMs,
    { failover: (line) => note(`marquee: ${line}`), verbose: (line) => config.verbose && note(`marquee: ${line}`) },
    environment.transport,
  );
  return { config, client, secrets: new SecretStore(config.servers, environment.env), note };
}

/** The show of the customer commands. @throws UsageError when none is configured. */
export function requireShow(config: CliConfig): number {
  if (config.show === undefined)
    throw new UsageError('no show: give --show <id>, set MARQUEE_SHOW, or put "show" in the config file');
  return config.show;
}

/** The `Authorization` header of the admin commands. @throws UsageError when no token is configured. */
export function adminHeaders(config: CliConfig): Record<string, string> {
  if (config.token === undefined)
    throw new UsageError('admin commands need the admin token: set ADMIN_TOKEN or give --token <token>');
  return { authorization: `Bearer ${config.token}` };
}
