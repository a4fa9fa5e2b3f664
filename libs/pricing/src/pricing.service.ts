import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlreadyExists, AppConfigService, InvalidInput, NotFound } from '@app/common';
import { TheaterService } from '@app/catalog';
import { DatabaseService, isUniqueViolation } from '@app/database';
import { SeatKindSurcharge } from './entities/seat-kind-surcharge.entity';
import { TheaterPricing } from './entities/theater-pricing.entity';
import { TicketType } from './entities/ticket-type.entity';
import { PriceList } from './price-list';
import { ShowBasePrices, TheaterPricingView, TicketTypeView } from './pricing.types';

/** A theater's pricing rows as stored. */
interface StoredPricing {
  currencyCode: string;
  types: TicketType[];
  surcharges: SeatKindSurcharge[];
}

/** How long a node reuses a theater's pricing rows (ms); its own admin writes drop them at once. */
const CACHE_MS = 2_000;

/** The name of the type every theater starts with, priced at each show's own price. */
export const DEFAULT_TICKET_TYPE = 'Adult';

/**
 * Ticket types, seat-kind surcharges and currencies per theater (libs/pricing owns their tables),
 * and the price list a show's seats are sold at. A theater without types gets the default
 * {@link DEFAULT_TICKET_TYPE} type on first use, priced at the show's price; a theater without a
 * premium surcharge row charges the show's premium price minus its price for premium seats, so
 * shows priced before ticket types existed sell at the same totals.
 */
@Injectable()
export class PricingService {
  private readonly cache = new Map<number, { until: number; rows: Promise<StoredPricing> }>();

  constructor(
    private readonly db: DatabaseService,
    private readonly config: AppConfigService,
    private readonly theaters: TheaterService,
  ) {}

  /**
   * The price list of a show of `theaterId` priced `base`: active types in sort order (a null type
   * price resolved to `base.priceCents`), surcharges per kind, currency. Rows may be up to 2 s old
   * on another node than the one that changed them.
   */
  async priceList(theaterId: number, base: ShowBasePrices): Promise<PriceList> {
    const stored = await this.stored(theaterId);
    const surcharges: Record<string, number> = { premium: Math.max(0, base.premiumPriceCents - base.priceCents) };
    for (const row of stored.surcharges) surcharges[row.kind] = row.surchargeCents;
    return {
      theaterId,
      currencyCode: stored.currencyCode,
      types: stored.types
        .filter((type) => type.active)
        .map((type) => ({ id: type.id, name: type.name, priceCents: type.priceCents ?? base.priceCents })),
      surcharges,
    };
  }

  /** The admin view of a theater's pricing. @throws NotFound (no such theater). */
  async view(theaterId: number): Promise<TheaterPricingView> {
    await this.theaters.get(theaterId);
    this.cache.delete(theaterId);
    const stored = await this.stored(theaterId);
    return {
      theaterId,
      currencyCode: stored.currencyCode,
      ticketTypes: stored.types.map(typeView),
      surcharges: stored.surcharges.map((row) => ({ kind: row.kind, surchargeCents: row.surchargeCents })),
    };
  }

  /**
   * Adds a ticket type to a theater; `priceCents` null: the show's price. Placed last unless
   * `position` is given. @throws NotFound; AlreadyExists (409) when the theater has a type of that name.
   */
  async createType(
    theaterId: number,
    input: { name: string; priceCents: number | null; position?: number },
  ): Promise<TicketTypeView> {
    const { ticketTypes } = await this.view(theaterId);
    const name = input.name.trim();
    const position = input.position ?? ticketTypes.reduce((max, type) => Math.max(max, type.position + 1), 0);
    try {
      const type = await this.db.manager.save(
        TicketType,
        this.db.manager.create(TicketType, { theaterId, name, priceCents: input.priceCents, position, active: true }),
      );
      return typeView(type);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExists('ticket type', name);
      throw error;
    } finally {
      this.cache.delete(theaterId);
    }
  }

  /**
   * Changes a type's name, price, position or whether it is on sale. Bookings already made keep
   * the name and price they were sold at (booking_seat copies them).
   * @throws NotFound (no such type in that theater); AlreadyExists on a duplicate name;
   *   InvalidInput (field `active`) when it would leave the theater no type on sale.
   */
  async updateType(
    theaterId: number,
    typeId: number,
    changes: { name?: string; priceCents?: number | null; position?: number; active?: boolean },
  ): Promise<TicketTypeView> {
    const { ticketTypes } = await this.view(theaterId);
    const type = await this.db.manager.findOne(TicketType, { where: { id: typeId, theaterId } });
    if (!type) throw new NotFound('ticket type', typeId);
    if (changes.active === false && !ticketTypes.some((other) => other.active && other.id !== typeId))
      throw new InvalidInput('active', 'cannot take the last ticket type on sale off sale');
    if (changes.name !== undefined) type.name = changes.name.trim();
    if (changes.priceCents !== undefined) type.priceCents = changes.priceCents;
    if (changes.position !== undefined) type.position = changes.position;
    if (changes.active !== undefined) type.active = changes.active;
    try {
      return typeView(await this.db.manager.save(TicketType, type));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExists('ticket type', type.name);
      throw error;
    } finally {
      this.cache.delete(theaterId);
    }
  }

  /** Sets what seats of `kind` add in a theater (integer cents, 0 allowed). @throws NotFound. */
  async setSurcharge(theaterId: number, kind: string, surchargeCents: number): Promise<TheaterPricingView> {
    await this.theaters.get(theaterId);
    await this.db.manager.upsert(SeatKindSurcharge, { theaterId, kind, surchargeCents }, ['theaterId', 'kind']);
    this.cache.delete(theaterId);
    return this.view(theaterId);
  }

  /** Sets a theater's currency (ISO 4217, validated by the caller). @throws NotFound. */
  async setCurrency(theaterId: number, currencyCode: string): Promise<TheaterPricingView> {
    await this.theaters.get(theaterId);
    await this.db.manager.upsert(TheaterPricing, { theaterId, currencyCode }, ['theaterId']);
    this.cache.delete(theaterId);
    return this.view(theaterId);
  }

  private stored(theaterId: number): Promise<StoredPricing> {
    const now = performance.now();
    const cached = this.cache.get(theaterId);
    if (cached && cached.until > now) return cached.rows;
    const rows = this.load(theaterId);
    this.cache.set(theaterId, { until: now + CACHE_MS, rows });
    rows.catch(() => this.cache.delete(theaterId));
    return rows;
  }

  private async load(theaterId: number): Promise<StoredPricing> {
    const manager = this.db.manager;
    let types = await this.types(manager, theaterId);
    if (!types.length) {
      // First use: every theater sells at least the default type. A concurrent first use on another
      // node inserts the same row; the unique (theater, name) index keeps one. A write transaction,
      // so it is bounded by DATABASE_WRITE_TIMEOUT_MS like every write (a primary without an
      // acknowledging replica makes it wait).
      try {
        await this.db.transaction((tx) =>
          tx.insert(TicketType, { theaterId, name: DEFAULT_TICKET_TYPE, priceCents: null, position: 0 }),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      types = await this.types(manager, theaterId);
    }
    const [surcharges, currency] = await Promise.all([
      manager.find(SeatKindSurcharge, { where: { theaterId }, order: { kind: 'ASC' } }),
      manager.findOne(TheaterPricing, { where: { theaterId } }),
    ]);
    return { currencyCode: currency?.currencyCode ?? this.config.get('DEFAULT_CURRENCY'), types, surcharges };
  }

  private types(manager: EntityManager, theaterId: number): Promise<TicketType[]> {
    return manager.find(TicketType, { where: { theaterId }, order: { position: 'ASC', id: 'ASC' } });
  }
}

function typeView(type: TicketType): TicketTypeView {
  return {
    id: type.id,
    theaterId: type.theaterId,
    name: type.name,
    priceCents: type.priceCents,
    position: type.position,
    active: type.active,
  };
}
