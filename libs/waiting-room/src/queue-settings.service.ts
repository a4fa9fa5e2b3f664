import { Injectable } from '@nestjs/common';
import { InvalidInput } from '@app/common';
import { ShowQueryService } from '@app/catalog';
import { DatabaseService } from '@app/database';
import { QueueSettingsDto } from './dto/queue-settings.dto';
import { ShowQueue } from './entities/show-queue.entity';
import { QueueSettings } from './queue-store';

/** How long a node trusts the settings it read (ms): an admin change reaches every node within it. */
const CACHE_MS = 1_000;

/** A show's settings as the admin API answers them. */
export interface QueueSettingsView {
  showId: number;
  mode: QueueSettings['mode'];
  onSaleAt: string | null;
  admissionRatePerMin: number;
  pickWindowSeconds: number;
}

/** Settings of a show without a `show_queue` row. */
const DEFAULTS = { mode: 'off' as const, onSaleAt: null, admissionRatePerMin: 120, pickWindowMs: 300_000 };

/** Per-show waiting-room settings in `show_queue` (this lib's table), cached per node for 1 s. */
@Injectable()
export class QueueSettingsService {
  private readonly cache = new Map<number, { at: number; value: QueueSettings }>();
  private active: { at: number; value: QueueSettings[] } | null = null;
  private readonly knownShows = new Set<number>();

  constructor(
    private readonly db: DatabaseService,
    private readonly shows: ShowQueryService,
  ) {}

  /** The settings of `showId` (queue off when it has none, or no such show). */
  async get(showId: number): Promise<QueueSettings> {
    const cached = this.cache.get(showId);
    if (cached && performance.now() - cached.at < CACHE_MS) return cached.value;
    const row = await this.db.read((manager) => manager.findOneBy(ShowQueue, { showId }));
    const value = row ? toSettings(row) : { showId, ...DEFAULTS };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(showId, { at: performance.now(), value });
    return value;
  }

  /**
   * @throws NotFound (404) when no show `showId` exists. A show once found is remembered (shows
   * are not deleted while customers queue for them), so the customer routes' polls cost nothing.
   */
  async assertShowExists(showId: number): Promise<void> {
    if (this.knownShows.has(showId)) return;
    await this.shows.detail(showId);
    if (this.knownShows.size > 10_000) this.knownShows.clear();
    this.knownShows.add(showId);
  }

  /** Every show whose queue is not off (for the admission step and the metrics), cached 1 s. */
  async queued(): Promise<QueueSettings[]> {
    if (this.active && performance.now() - this.active.at < CACHE_MS) return this.active.value;
    const rows = await this.db.read((manager) =>
      manager.createQueryBuilder(ShowQueue, 'sq').where("sq.queue_mode <> 'off'").getMany(),
    );
    this.active = { at: performance.now(), value: rows.map(toSettings) };
    return this.active.value;
  }

  /** The admin view of a show's settings. @throws NotFound (404) for an unknown show. */
  async view(showId: number): Promise<QueueSettingsView> {
    await this.shows.detail(showId);
    this.cache.delete(showId);
    return toView(await this.get(showId));
  }

  /**
   * Replaces a show's settings. @throws NotFound (404) for an unknown show; InvalidInput (400)
   * for an on-sale time that is not a valid date.
   */
  async put(showId: number, input: QueueSettingsDto): Promise<QueueSettingsView> {
    await this.shows.detail(showId);
    const onSaleAt = input.onSaleAt ? Date.parse(input.onSaleAt) : null;
    if (onSaleAt !== null && !Number.isFinite(onSaleAt)) throw new InvalidInput('onSaleAt', 'must be a valid date');
    const row: ShowQueue = {
      showId,
      queueMode: input.mode,
      onSaleAt,
      admissionRatePerMin: input.admissionRatePerMin,
      pickWindowS: input.pickWindowSeconds,
    };
    await this.db.transaction((manager) => manager.save(ShowQueue, row));
    this.cache.delete(showId);
    this.active = null;
    return toView(toSettings(row));
  }
}

function toSettings(row: ShowQueue): QueueSettings {
  return {
    showId: row.showId,
    mode: row.queueMode,
    onSaleAt: row.onSaleAt,
    admissionRatePerMin: row.admissionRatePerMin,
    pickWindowMs: row.pickWindowS * 1_000,
  };
}

function toView(settings: QueueSettings): QueueSettingsView {
  return {
    showId: settings.showId,
    mode: settings.mode,
    onSaleAt: settings.onSaleAt === null ? null : new Date(settings.onSaleAt).toISOString(),
    admissionRatePerMin: settings.admissionRatePerMin,
    pickWindowSeconds: settings.pickWindowMs / 1_000,
  };
}
