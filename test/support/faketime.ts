import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment that runs a process `seconds` ahead of this machine's clock: Debian's
 * libfaketime (package faketime; scripts/ensure-services.sh installs it) preloaded, in its
 * multithreaded variant (Node runs several threads). With `monotonic: false` only the wall clock
 * is shifted; timers and timeouts keep the real monotonic clock.
 * @throws Error naming the package when the library is missing.
 */
export function faketimeEnv(seconds: number, options: { monotonic?: boolean } = {}): Record<string, string> {
  const env: Record<string, string> = { LD_PRELOAD: libfaketime(), FAKETIME: `${seconds >= 0 ? '+' : ''}${seconds}s` };
  if (options.monotonic === false) env.FAKETIME_DONT_FAKE_MONOTONIC = '1';
  return env;
}

function libfaketime(): string {
  for (const dir of readdirSync('/usr/lib')) {
    const candidate = join('/usr/lib', dir, 'faketime', 'libfaketimeMT.so.1');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('libfaketime not found: install Debian package faketime (scripts/ensure-services.sh does)');
}
