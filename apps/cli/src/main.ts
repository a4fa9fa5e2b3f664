#!/usr/bin/env node
import { runCli } from './cli';

/** `marquee …`: the command-line client (see cli.ts); `npm run cli -- …` or `npx marquee …`. */
void runCli(process.argv.slice(2), {
  env: process.env,
  io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
}).then((code) => {
  process.exitCode = code;
});
