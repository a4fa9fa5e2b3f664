import { Command, CommanderError } from 'commander';
import { addShow, AddShowOptions, importCatalog, importShowtimes, listShows, removeShow } from './admin-commands';
import { GlobalOptions } from './cli-config';
import { CliContext, CliEnvironment, createContext } from './cli-context';
import { ExitCode, Failure, Unreachable, UsageError } from './cli-errors';
import { release, reserve, search } from './reservation-commands';

/** Builds the `marquee` program; each command's action stores its stdout lines in `output`. */
function program(environment: CliEnvironment, output: string[]): Command {
  const root = new Command('marquee')
    .description('Marquee command-line client: reserve seats by name for a show, and run the admin commands.')
    .option('--servers <file>', 'servers file, one "id host port" a line (env SERVERS_FILE)')
    .option('--show <id>', 'show of reserve, search and delete (env MARQUEE_SHOW)')
    .option('--token <token>', 'admin token for the admin commands (env ADMIN_TOKEN, preferred: flags show in ps)')
    .option('--timeout-ms <ms>', 'how long to wait for a server before trying another (env MARQUEE_TIMEOUT_MS)')
    .option('--seed <n>', 'seed of the random server order, for reproducible runs (env MARQUEE_SEED)')
    .option('--config <file>', 'JSON config file (env MARQUEE_CONFIG; default ~/.config/marquee/cli.json if present)')
    .option('-v, --verbose', 'print each request and answer status on stderr')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => environment.io.stdout(text),
      writeErr: (text) => environment.io.stderr(text),
    })
    .showHelpAfterError('(marquee --help lists the commands)')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 refused ("Failed: …"), 2 bad usage or configuration, 3 no server answered.\n' +
        'Default timeout 5000 ms per server; each server is tried at most once per request.',
    );
  const run = async (command: Command, work: (context: CliContext) => Promise<string | string[]>): Promise<void> => {
    const context = createContext(command.optsWithGlobals<GlobalOptions>(), environment);
    output.push(...[await work(context)].flat());
  };

  root
    .command('reserve')
    .description('reserve the best <count> seats side by side for <name>')
    .argument('<name>', 'customer name, 1–100 printable characters (case-sensitive)')
    .argument('<count>', 'number of seats')
    .option('--types <name=count,…>', 'ticket types of the seats, e.g. adult=2,child=1 (default: the first type)')
    .action((name: string, count: string, options: { types?: string }, command: Command) =>
      run(command, (context) => reserve(context, name, count, options.types)),
    );
  root
    .command('search')
    .description('print the seats reserved for <name>')
    .argument('<name>', 'customer name')
    .action((name: string, _options: unknown, command: Command) => run(command, (context) => search(context, name)));
  root
    .command('delete')
    .description('release the seats reserved for <name>')
    .argument('<name>', 'customer name')
    .action((name: string, _options: unknown, command: Command) => run(command, (context) => release(context, name)));
  root
    .command('shows')
    .description('admin: list shows with seats left (not yet ended, or of one day)')
    .option('--date <YYYY-MM-DD>', 'shows of this local day')
    .action((options: { date?: string }, command: Command) =>
      run(command, (context) => listShows(context, options.date)),
    );
  root
    .command('add-show')
    .description('admin: add a show of a movie on a screen')
    .requiredOption('--movie <id>', 'movie id')
    .requiredOption('--screen <id>', 'screen id')
    .requiredOption('--starts <ISO>', 'start, ISO-8601 with a zone, on a whole minute, e.g. 2030-06-03T18:30:00Z')
    .requiredOption('--price <cents>', 'standard seat price in cents')
    .option('--premium-price <cents>', 'premium seat price in cents (default 1.5 × price)')
    .action((options: AddShowOptions, command: Command) => run(command, (context) => addShow(context, options)));
  root
    .command('remove-show')
    .description('admin: remove a show that has no bookings')
    .argument('<id>', 'show id')
    .action((id: string, _options: unknown, command: Command) => run(command, (context) => removeShow(context, id)));
  root
    .command('import')
    .description('admin: import the catalogue from TMDB and follow the job until it ends')
    .option('--pages <n>', 'now-playing pages to import (20 films each), 1–50')
    .action((options: { pages?: string }, command: Command) =>
      run(command, (context) => importCatalog(context, options.pages)),
    );
  root
    .command('import-showtimes')
    .description('admin: import cinemas and showtimes from the showtimes API and follow the job until it ends')
    .action((_options: unknown, command: Command) => run(command, (context) => importShowtimes(context)));
  return root;
}

/**
 * Runs `marquee` with `argv` (the arguments after the program name) and returns the exit code
 * (see ExitCode). The command's answer goes to stdout; usage errors, notes and failover messages
 * to stderr as `marquee: …`. Never throws and never prints a stack trace.
 */
export async function runCli(argv: string[], environment: CliEnvironment): Promise<ExitCode> {
  const output: string[] = [];
  const err = (line: string) => environment.io.stderr(`marquee: ${line}\n`);
  try {
    await program(environment, output).parseAsync(argv, { from: 'user' });
    for (const line of output) environment.io.stdout(`${line}\n`);
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage; // commander printed it
    if (error instanceof Failure) {
      environment.io.stdout(`${error.line}\n`);
      return ExitCode.Failed;
    }
    if (error instanceof UsageError) {
      err(error.message);
      return ExitCode.Usage;
    }
    if (error instanceof Unreachable) {
      err(error.message);
      return ExitCode.Unreachable;
    }
    err(`unexpected error (a bug; please report it): ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.Internal;
  }
}
