import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { AppConfigService } from '@app/common';
import { AdmissionTokens } from './admission-token';
import { QueueSettingsService } from './queue-settings.service';
import { Place, QueueSettings, QueueSnapshot, QueueStore } from './queue-store';
import { QueueTokenInvalid, QueueTokenRequired } from './waiting-room.exception';

/** What the waiting page (and a script) sees of a show's queue and its own place. */
export interface QueueStatusView {
  showId: number;
  mode: QueueSettings['mode'];
  /** Whether holds and bookings of the show need an admission token right now. */
  queued: boolean;
  onSaleAt: string | null;
  opened: boolean;
  /** `none`: no place yet (join with an e-mail). */
  state: Place['state'] | 'none';
  position: number | null;
  /** People ahead in line. */
  ahead: number | null;
  waiting: number;
  admissionRatePerMin: number;
  /** Seconds until admission at the rate (plus the time to the on-sale moment before it); null when not waiting. */
  estimatedWaitSeconds: number | null;
  email: string | null;
  /** The admission token (also set as the `marquee_queue_<showId>` cookie), when admitted. */
  token: string | null;
  tokenExpiresAt: string | null;
}

/** A show's queue totals for the System Monitor and /metrics. */
export interface QueueStatsView extends Omit<QueueSnapshot, 'now'> {
  showId: number;
  mode: QueueSettings['mode'];
  admissionRatePerMin: number;
}

/** How long a node trusts an "engaged" answer for an `auto` show (ms). */
const ENGAGED_CACHE_MS = 1_000;

/**
 * The waiting room: places in line, admission at each show's rate (every node runs the step every
 * WAITING_ROOM_TICK_MS; the store makes it happen once cluster-wide) and the admission tokens the
 * hold and booking routes of a queued show require ({@link check}).
 */
@Injectable()
export class WaitingRoomService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('WaitingRoom');
  private readonly tokens: AdmissionTokens;
  private readonly engagedCache = new Map<number, { at: number; value: boolean }>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly store: QueueStore,
    private readonly settings: QueueSettingsService,
    private readonly config: AppConfigService,
  ) {
    this.tokens = new AdmissionTokens(tokenSecret(config));
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tickAll(), this.config.get('WAITING_ROOM_TICK_MS'));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    const closable = this.store as QueueStore & { close?: () => Promise<void> };
    await closable.close?.();
  }

  /** Takes (or finds) the place of `visitorId` / `email` in the show's line. @throws NotFound (no such show). */
  async join(showId: number, visitorId: string, email: string): Promise<QueueStatusView> {
    await this.settings.assertShowExists(showId);
    const settings = await this.settings.get(showId);
    if (settings.mode === 'off') return this.view(settings, visitorId, null, null);
    const place = await this.store.join(settings, visitorId, email.trim().toLowerCase());
    return this.view(settings, visitorId, place, await this.store.snapshot(settings));
  }

  /**
   * The show's queue and the place of `visitorId` (counted as an arrival for `auto` mode). An
   * unknown show answers "queue off", like a show without settings: the seat page asks before it
   * knows whether the show exists, and says so itself.
   */
  async status(showId: number, visitorId: string | undefined): Promise<QueueStatusView> {
    const settings = await this.settings.get(showId);
    if (settings.mode === 'off') return this.view(settings, visitorId, null, null);
    const place = await this.store.place(settings, visitorId, true);
    return this.view(settings, visitorId, place, await this.store.snapshot(settings));
  }

  /**
   * Lets a hold or booking of `showId` through when the show is not queued right now, or when
   * `token` admits this customer (`visitorId` from the cookie; `email` from the body, when it has one).
   * @throws QueueTokenRequired (403) without a token; QueueTokenInvalid (403) with a bad one.
   */
  async check(showId: number, token: string | undefined, visitorId: string | undefined, email?: string): Promise<void> {
    const settings = await this.settings.get(showId);
    if (!(await this.queuedNow(settings))) return;
    if (!token) throw new QueueTokenRequired(showId);
    const verdict = this.tokens.verify(token, { showId, visitorId, email }, Date.now());
    if (!verdict.ok) throw new QueueTokenInvalid(showId, verdict.problem);
  }

  /** Totals of every show whose queue is not off. */
  async stats(): Promise<QueueStatsView[]> {
    const shows = await this.settings.queued();
    return Promise.all(
      shows.map(async (settings) => {
        const { now: _now, ...snapshot } = await this.store.snapshot(settings);
        return {
          showId: settings.showId,
          mode: settings.mode,
          admissionRatePerMin: settings.admissionRatePerMin,
          ...snapshot,
        };
      }),
    );
  }

  /** One admission step of every queued show; a step still running is not overlapped. */
  async tickAll(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const settings of await this.settings.queued()) await this.store.tick(settings);
    } catch (error) {
      this.logger.debug(`admission step: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.ticking = false;
    }
  }

  /** `always`: yes. `auto`: before the on-sale moment, while anyone waits, or while arrivals per minute exceed the rate. */
  private async queuedNow(settings: QueueSettings): Promise<boolean> {
    if (settings.mode !== 'auto') return settings.mode === 'always';
    const cached = this.engagedCache.get(settings.showId);
    if (cached && performance.now() - cached.at < ENGAGED_CACHE_MS) return cached.value;
    const value = engaged(settings, await this.store.snapshot(settings));
    this.engagedCache.set(settings.showId, { at: performance.now(), value });
    return value;
  }

  private view(
    settings: QueueSettings,
    visitorId: string | undefined,
    place: Place | null,
    snapshot: QueueSnapshot | null,
  ): QueueStatusView {
    const now = snapshot?.now ?? Date.now();
    const queued =
      settings.mode === 'always' || (settings.mode === 'auto' && !!snapshot && engaged(settings, snapshot));
    const ahead = place?.position ? place.position - 1 : null;
    const perSecond = settings.admissionRatePerMin / 60;
    const untilOpen = settings.onSaleAt ? Math.max(0, settings.onSaleAt - now) / 1_000 : 0;
    const estimate =
      place?.state === 'waiting'
        ? Math.ceil(place.position! / perSecond)
        : place?.state === 'early'
          ? Math.ceil(untilOpen + (snapshot?.waiting ?? 0) / 2 / perSecond)
          : null;
    let token: string | null = null;
    let tokenExpiresAt: number | null = null;
    if (place?.state === 'admitted' && visitorId) {
      tokenExpiresAt = place.admittedAt! + settings.pickWindowMs;
      token = this.tokens.sign({ showId: settings.showId, visitorId, email: place.email, expiresAt: tokenExpiresAt });
    }
    return {
      showId: settings.showId,
      mode: settings.mode,
      queued,
      onSaleAt: settings.onSaleAt === null ? null : new Date(settings.onSaleAt).toISOString(),
      opened: snapshot?.opened ?? true,
      state: place?.state ?? 'none',
      position: place?.position ?? null,
      ahead,
      waiting: snapshot?.waiting ?? 0,
      admissionRatePerMin: settings.admissionRatePerMin,
      estimatedWaitSeconds: estimate,
      email: place?.email ?? null,
      token,
      tokenExpiresAt: tokenExpiresAt === null ? null : new Date(tokenExpiresAt).toISOString(),
    };
  }
}

/** Whether an `auto` queue is engaged. */
function engaged(settings: QueueSettings, snapshot: QueueSnapshot): boolean {
  return !snapshot.opened || snapshot.waiting > 0 || snapshot.arrivalsLastMinute > settings.admissionRatePerMin;
}

/** WAITING_ROOM_SECRET; else one derived from ADMIN_TOKEN (shared by the cluster); else random (one node). */
function tokenSecret(config: AppConfigService): string {
  const secret = config.get('WAITING_ROOM_SECRET');
  if (secret) return secret;
  const admin = config.get('ADMIN_TOKEN');
  if (admin) return createHmac('sha256', admin).update('marquee waiting room tokens').digest('base64url');
  return randomBytes(32).toString('base64url');
}
