import type { QueueMode } from './entities/show-queue.entity';

/** A show's queue settings as the stores use them. */
export interface QueueSettings {
  showId: number;
  mode: QueueMode;
  /** Epoch ms the sale opens; null: already open. */
  onSaleAt: number | null;
  admissionRatePerMin: number;
  /** Milliseconds an admitted customer has to pick seats. */
  pickWindowMs: number;
}

/** Where one customer stands: before the draw (`early`), in line, let through, or past their pick window. */
export type PlaceState = 'early' | 'waiting' | 'admitted' | 'expired';

/** One customer's place in a show's queue. */
export interface Place {
  state: PlaceState;
  /** 1-based place in line while `waiting`; null otherwise. */
  position: number | null;
  /** The e-mail the place was taken with (lower-cased). */
  email: string;
  /** Epoch ms (the store's clock) of the admission, when admitted or expired. */
  admittedAt: number | null;
}

/** A show's queue as a whole, at the store's clock. */
export interface QueueSnapshot {
  /** Customers in line (after the draw) plus those waiting for it. */
  waiting: number;
  /** Whether the sale has opened (the pre-queue draw happened). */
  opened: boolean;
  /** Distinct customers who arrived (opened the show or its queue) in the last 60 s. */
  arrivalsLastMinute: number;
  admissionsLastMinute: number;
  /** Mean time from arrival to admission over every admission so far (ms); null before the first. */
  averageWaitMs: number | null;
  /** Epoch ms of the store's clock when the snapshot was taken. */
  now: number;
}

/**
 * A show's waiting room: one place per browser and per e-mail, a random draw among those who came
 * before the on-sale moment, first come first served after it, and admission at a rate, once
 * cluster-wide whichever node asks. {@link RedisQueueStore} (REDIS_URL set: the cluster's queue) and
 * {@link MemoryQueueStore} (embedded default) implement it with the same rules.
 */
export abstract class QueueStore {
  /**
   * Takes a place for `visitorId` / `email` (or returns the one either already has; an expired
   * place goes back to the end of the line). Opens the sale first when it is due.
   */
  abstract join(settings: QueueSettings, visitorId: string, email: string): Promise<Place>;

  /** The place `visitorId` holds, null when none; counts the visit as an arrival when `visit` is set. */
  abstract place(settings: QueueSettings, visitorId: string | undefined, visit: boolean): Promise<Place | null>;

  /**
   * Admits floor(rate × time since the last admission) customers from the head of the line (with
   * the fraction carried over), after opening the sale when due. Any node may call it at any
   * moment: time is the store's own clock, so the rate holds cluster-wide. @returns how many were admitted.
   */
  abstract tick(settings: QueueSettings): Promise<number>;

  /** The queue's totals now. */
  abstract snapshot(settings: QueueSettings): Promise<QueueSnapshot>;

  /** Forgets the show's queue (its settings changed to `off`, or a test ends). */
  abstract clear(showId: number): Promise<void>;
}
