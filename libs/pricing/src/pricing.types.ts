/** A ticket type as the admin API answers it; `priceCents` null: the show's own price. */
export interface TicketTypeView {
  id: number;
  theaterId: number;
  name: string;
  priceCents: number | null;
  position: number;
  active: boolean;
}

/** A theater's pricing as the admin API answers it. */
export interface TheaterPricingView {
  theaterId: number;
  currencyCode: string;
  ticketTypes: TicketTypeView[];
  surcharges: { kind: string; surchargeCents: number }[];
}

/** A show's base prices, integer cents (Show.priceCents and Show.premiumPriceCents). */
export interface ShowBasePrices {
  priceCents: number;
  premiumPriceCents: number;
}
