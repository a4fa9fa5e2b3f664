import { CustomerDto, CustomerField } from './customer.dto';
import { SeatIds, TicketTypeIds } from './seat-ids';

/** `POST /api/shows/:id/holds` body. */
export class CreateHoldDto {
  @SeatIds(true)
  seatIds!: number[];

  @TicketTypeIds()
  ticketTypeIds?: number[];

  @CustomerField()
  customer!: CustomerDto;
}

/** `PATCH /api/holds/:holdId` body: the ticket type of each of the hold's seats. */
export class UpdateHoldTicketsDto {
  @SeatIds(true)
  seatIds!: number[];

  @TicketTypeIds('one ticket type id per seat, aligned with `seatIds`', true)
  ticketTypeIds!: number[];
}
