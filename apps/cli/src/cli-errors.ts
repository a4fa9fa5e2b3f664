/**
 * Exit codes of `marquee`: 0 done; 1 the system said no (a `Failed: …` line); 2 bad usage or
 * configuration (nothing was sent, or a server refused the input or the admin token); 3 no
 * server gave a usable answer (all unreachable, timed out, failing, or answering nonsense);
 * 70 a bug in the client (EX_SOFTWARE).
 */
export enum ExitCode {
  Ok = 0,
  Failed = 1,
  Usage = 2,
  Unreachable = 3,
  Internal = 70,
}

/** A refusal by the system: `line` (e.g. `Failed: only 3 seats left but 4 seats are requested.`) goes to stdout. */
export class Failure extends Error {
  constructor(readonly line: string) {
    super(line);
    this.name = 'Failure';
  }
}

/** A usage or configuration error, printed to stderr as `marquee: <message>`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** No usable answer from any server, printed to stderr as `marquee: <message>`. */
export class Unreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unreachable';
  }
}
