import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Every process started through spawnProcess (the local cluster, tests, benchmarks) is recorded in
// one pid file under data/pids, with the pid and kernel start time of the process that started it
// (its owner). A run killed mid-way (kill -9 of `npm run cluster`, of jest or of a benchmark) cannot
// stop its children; they are reparented to init and keep their ports (seen: an orphaned nginx kept
// 8080 and the next cluster came up without a balancer of its own). The next run's first spawn
// clears every recorded process whose owner is gone. Pid reuse is ruled out by comparing the kernel
// start time (field 22 of /proc/<pid>/stat) with the recorded one.

/** What one pid file holds. */
export interface PidRecord {
  pid: number;
  /** Kernel start time of `pid` (clock ticks since boot, /proc/<pid>/stat field 22). */
  startTime: string;
  owner: number;
  ownerStartTime: string;
  /** The command line, for the message when it is cleared. */
  command: string;
}

/** Where the pid files go (`<root>/data/pids`). */
export function pidDirectory(root: string): string {
  return join(root, 'data', 'pids');
}

/** The kernel start time of `pid`, or undefined when no such process runs (or /proc is absent). */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 overall: fields[0] is field 3
  } catch {
    return undefined;
  }
}

function alive(pid: number, startTime: string): boolean {
  return processStartTime(pid) === startTime;
}

/** Records child `pid` as started by this process; returns a function that removes the record. */
export function recordChild(root: string, pid: number, command: string): () => void {
  const startTime = processStartTime(pid);
  const ownerStartTime = processStartTime(process.pid);
  if (startTime === undefined || ownerStartTime === undefined) return () => undefined; // no /proc, or already gone
  const directory = pidDirectory(root);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${process.pid}-${pid}.json`);
  const record: PidRecord = { pid, startTime, owner: process.pid, ownerStartTime, command };
  writeFileSync(file, JSON.stringify(record));
  return () => removeQuietly(file);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already removed (by a concurrent clearing run)
  }
}

/**
 * Stops every recorded process whose owner has exited (SIGTERM, SIGKILL after `graceMs`) and removes
 * the records of processes that are gone. Records of live owners (a parallel test run) are left alone.
 * @returns what was stopped, one line each, e.g. `pid 4242 (nginx -p /x/data/cluster …)`.
 */
export async function clearLeftovers(root: string, graceMs = 5_000): Promise<string[]> {
  const directory = pidDirectory(root);
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const stopped: string[] = [];
  for (const name of names) {
    const file = join(directory, name);
    let record: PidRecord;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
    } catch {
      removeQuietly(file); // torn write of a killed run
      continue;
    }
    if (alive(record.owner, record.ownerStartTime)) continue;
    if (alive(record.pid, record.startTime)) {
      await terminate(record, graceMs);
      stopped.push(`pid ${record.pid} (${record.command.slice(0, 120)})`);
    }
    removeQuietly(file);
  }
  return stopped;
}

async function terminate(record: PidRecord, graceMs: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(record.pid, name);
    } catch {
      // exited meanwhile
    }
  };
  signal('SIGCONT'); // a process stopped by a fault test cannot act on SIGTERM
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(record.pid, record.startTime) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(record.pid, record.startTime)) signal('SIGKILL');
}
