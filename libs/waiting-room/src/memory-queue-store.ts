import { admissionsDue, shuffle } from './pre-queue';
import { Place, QueueSettings, QueueSnapshot, QueueStore } from './queue-store';

const MINUTE_MS = 60_000;

interface ShowLine {
  opened: boolean;
  /** Members who came before the on-sale moment, in arrival order (drawn at opening). */
  early: string[];
  /** Members in line, head first (`head` indexes the first one still waiting). */
  line: string[];
  head: number;
  /** `v:<visitor>` / `e:<email>` → member; member → its e-mail. */
  members: Map<string, string>;
  emails: Map<string, string>;
  arrivedAt: Map<string, number>;
  admittedAt: Map<string, number>;
  /** Visitor → last arrival (ms), for arrivals per minute. */
  visits: Map<string, number>;
  last: number;
  credit: number;
  waitSum: number;
  waitCount: number;
}

/**
 * The waiting room in this process (embedded mode: no REDIS_URL), with the rules of
 * {@link QueueStore}. Its clock is `now` (injectable for tests). The queue is lost when the process
 * stops; admission tokens stay valid (they are signed, not stored).
 */
export class MemoryQueueStore extends QueueStore {
  private readonly shows = new Map<number, ShowLine>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  join(settings: QueueSettings, visitorId: string, email: string): Promise<Place> {
    const show = this.openIfDue(settings);
    const now = this.now();
    let member = show.members.get(`v:${visitorId}`) ?? show.members.get(`e:${email}`);
    if (!member) {
      member = visitorId;
      show.members.set(`e:${email}`, member);
      show.emails.set(member, email);
      this.enqueue(show, member, now);
    } else if (this.expired(show, member, settings, now)) {
      show.admittedAt.delete(member);
      this.enqueue(show, member, now);
    }
    show.members.set(`v:${visitorId}`, member);
    show.visits.set(visitorId, now);
    return Promise.resolve(this.placeOf(show, member, settings, now)!);
  }

  place(settings: QueueSettings, visitorId: string | undefined, visit: boolean): Promise<Place | null> {
    const show = this.openIfDue(settings);
    const now = this.now();
    if (!visitorId) return Promise.resolve(null);
    if (visit) show.visits.set(visitorId, now);
    const member = show.members.get(`v:${visitorId}`);
    return Promise.resolve(member ? this.placeOf(show, member, settings, now) : null);
  }

  tick(settings: QueueSettings): Promise<number> {
    const show = this.openIfDue(settings);
    const now = this.now();
    if (!show.opened) return Promise.resolve(0);
    const step = admissionsDue(show.credit, now - show.last, settings.admissionRatePerMin);
    let admitted = 0;
    while (admitted < step.admit && show.head < show.line.length) {
      const member = show.line[show.head++];
      show.admittedAt.set(member, now);
      show.waitSum += now - (show.arrivedAt.get(member) ?? now);
      show.waitCount += 1;
      admitted += 1;
    }
    // Unused credit is dropped: an idle line must not bank a burst.
    show.credit = show.head < show.line.length ? step.credit : Math.min(step.credit, 1);
    show.last = now;
    return Promise.resolve(admitted);
  }

  snapshot(settings: QueueSettings): Promise<QueueSnapshot> {
    const show = this.openIfDue(settings);
    const now = this.now();
    const since = now - MINUTE_MS;
    const count = (times: Iterable<number>) => [...times].filter((at) => at > since).length;
    return Promise.resolve({
      waiting: show.early.length + show.line.length - show.head,
      opened: show.opened,
      arrivalsLastMinute: count(show.visits.values()),
      admissionsLastMinute: count(show.admittedAt.values()),
      averageWaitMs: show.waitCount ? show.waitSum / show.waitCount : null,
      now,
    });
  }

  clear(showId: number): Promise<void> {
    this.shows.delete(showId);
    return Promise.resolve();
  }

  private line(showId: number): ShowLine {
    let show = this.shows.get(showId);
    if (!show) {
      show = {
        opened: false,
        early: [],
        line: [],
        head: 0,
        members: new Map(),
        emails: new Map(),
        arrivedAt: new Map(),
        admittedAt: new Map(),
        visits: new Map(),
        last: 0,
        credit: 0,
        waitSum: 0,
        waitCount: 0,
      };
      this.shows.set(showId, show);
    }
    return show;
  }

  /** The pre-queue draw, once, at the first call at or after the on-sale moment. */
  private openIfDue(settings: QueueSettings): ShowLine {
    const show = this.line(settings.showId);
    const now = this.now();
    if (show.opened || (settings.onSaleAt !== null && settings.onSaleAt > now)) return show;
    show.line.push(...shuffle(show.early));
    show.early = [];
    show.opened = true;
    show.last = now;
    show.credit = 0;
    return show;
  }

  private enqueue(show: ShowLine, member: string, now: number): void {
    show.arrivedAt.set(member, now);
    if (show.opened) show.line.push(member);
    else show.early.push(member);
  }

  private expired(show: ShowLine, member: string, settings: QueueSettings, now: number): boolean {
    const at = show.admittedAt.get(member);
    return at !== undefined && at + settings.pickWindowMs <= now;
  }

  private placeOf(show: ShowLine, member: string, settings: QueueSettings, now: number): Place | null {
    const email = show.emails.get(member) ?? '';
    const admittedAt = show.admittedAt.get(member);
    if (admittedAt !== undefined) {
      const state = admittedAt + settings.pickWindowMs <= now ? 'expired' : 'admitted';
      return { state, position: null, email, admittedAt };
    }
    if (show.early.includes(member)) return { state: 'early', position: null, email, admittedAt: null };
    const index = show.line.indexOf(member, show.head);
    return index < 0 ? null : { state: 'waiting', position: index - show.head + 1, email, admittedAt: null };
  }
}
