import { ErrorCode } from '@app/common';
import { PriceList, priceSeats } from './price-list';

const list: PriceList = {
  theaterId: 1,
  currencyCode: 'EUR',
  types: [
    { id: 10, name: 'Adult', priceCents: 1200 },
    { id: 11, name: 'Child', priceCents: 800 },
  ],
  surcharges: { premium: 300 },
};

describe('priceSeats', () => {
  it('prices each seat at its type plus its kind surcharge, the first type by default', () => {
    expect(priceSeats(list, ['premium', 'standard', 'premium'], [10, undefined, 11])).toEqual([
      { ticketTypeId: 10, ticketTypeName: 'Adult', surchargeCents: 300, priceCents: 1500 },
      { ticketTypeId: 10, ticketTypeName: 'Adult', surchargeCents: 0, priceCents: 1200 },
      { ticketTypeId: 11, ticketTypeName: 'Child', surchargeCents: 300, priceCents: 1100 },
    ]);
    expect(priceSeats(list, ['wheelchair'], undefined)[0].priceCents).toBe(1200);
  });

  it('refuses a type not in the list and a list of the wrong length, naming the field', () => {
    expect(() => priceSeats(list, ['standard', 'standard'], [10, 99])).toThrow(
      expect.objectContaining({
        code: ErrorCode.ValidationFailed,
        details: { fields: [expect.objectContaining({ field: 'ticketTypeIds.1' })] },
      }),
    );
    expect(() => priceSeats(list, ['standard'], [10, 10])).toThrow(
      expect.objectContaining({ details: { fields: [expect.objectContaining({ field: 'ticketTypeIds' })] } }),
    );
  });
});
