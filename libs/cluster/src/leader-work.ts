import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** A piece of the cluster's singleton work. */
export interface LeaderTask {
  /** For logs, e.g. `hold-sweep`. */
  name: string;
  /** Period (ms). Runs fall on wall-clock multiples of it, so a new leader keeps the same schedule. */
  everyMs: number;
  /** Also run at once when this node becomes the leader (default false). */
  runOnTakeover?: boolean;
  /** The work; its result is logged at debug level, its error as a warning. */
  run: () => Promise<unknown>;
}

/**
 * The cluster's singleton work (DESIGN.md "Cluster"): libs register tasks at module init; they
 * run only while this node is the elected leader (the cluster node switches it with
 * {@link setLeading}). A task never overlaps itself; a run in progress when leadership is lost
 * finishes, but no new run starts. Tasks must be safe to repeat, since for a moment after a failover
 * two nodes may each believe they lead (e.g. hold sweeping is conditional in SQL; imports dedupe).
 */
@Injectable()
export class LeaderWork implements OnApplicationShutdown {
  private readonly logger = new Logger('LeaderWork');
  private readonly tasks: LeaderTask[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private leading = false;

  /** Registers a task. @throws Error for a repeated name or a period under 1 ms. */
  register(task: LeaderTask): void {
    if (this.tasks.some((known) => known.name === task.name))
      throw new Error(`leader task ${task.name} is registered already`);
    if (!(task.everyMs >= 1)) throw new Error(`leader task ${task.name} needs a period of at least 1 ms`);
    this.tasks.push(task);
    if (this.leading) this.schedule(task, task.runOnTakeover ?? false);
  }

  /** Names of the registered tasks. */
  names(): string[] {
    return this.tasks.map((task) => task.name);
  }

  /** Whether this node runs the singleton work now. */
  isLeading(): boolean {
    return this.leading;
  }

  /** Starts (true) or stops (false) the tasks; called by the cluster node when leadership changes. */
  setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    if (leading) {
      for (const task of this.tasks) this.schedule(task, task.runOnTakeover ?? false);
    } else {
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
    }
  }

  onApplicationShutdown(): void {
    this.setLeading(false);
  }

  private schedule(task: LeaderTask, now: boolean): void {
    const delay = now ? 0 : task.everyMs - (Date.now() % task.everyMs);
    // setTimeout takes at most 2^31-1 ms (~24.8 days); longer periods wait in steps.
    const step = Math.min(delay, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(task.name);
      if (!this.leading) return;
      if (step < delay) return this.schedule(task, false);
      void this.run(task);
      this.schedule(task, false);
    }, step);
    timer.unref();
    this.timers.set(task.name, timer);
  }

  private async run(task: LeaderTask): Promise<void> {
    if (this.running.has(task.name)) return;
    this.running.add(task.name);
    try {
      const result = await task.run();
      this.logger.debug(`${task.name}: ${JSON.stringify(result)}`);
    } catch (error) {
      this.logger.warn(`${task.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running.delete(task.name);
    }
  }
}
