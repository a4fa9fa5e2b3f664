import { ImportProgressListener } from '../tmdb/now-playing-collector';

/**
 * Progress of the showtimes import in units of work: a page read, a film fetched, the write.
 * `total` grows as pages reveal how many there are and as films to fetch are found, so
 * `done == total` only once the import is stored. Reports are sent in order.
 */
export class ImportTally {
  private done = 0;
  private total = 0;
  private readonly known = new Map<string, number>();
  private reports: Promise<void> = Promise.resolve();

  constructor(private readonly listener?: ImportProgressListener) {}

  /** Adds `units` of work to the total. */
  plan(units: number): Promise<void> {
    this.total += units;
    return this.report();
  }

  /** One unit done. */
  step(): Promise<void> {
    this.done++;
    return this.report();
  }

  /** A page listener for `list` (one unit planned per list): pages read, pages known so far. */
  pages(list: string): (read: number, known: number) => Promise<void> {
    this.known.set(list, 1);
    return (read, known) => {
      this.total += Math.max(0, known - this.known.get(list)!);
      this.known.set(list, Math.max(known, this.known.get(list)!));
      return this.step();
    };
  }

  /** The write: the last unit. */
  async finish(): Promise<void> {
    this.done = this.total;
    await this.report();
  }

  private report(): Promise<void> {
    const progress = { done: Math.min(this.done, this.total), total: this.total };
    this.reports = this.reports.then(() => this.listener?.(progress));
    return this.reports;
  }
}
