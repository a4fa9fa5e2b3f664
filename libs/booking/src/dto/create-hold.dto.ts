import { CustomerDto, CustomerField } from './customer.dto';
import { SeatIds } from './seat-ids';

/** `POST /api/shows/:id/holds` body. */
export class CreateHoldDto {
  @SeatIds(true)
  seatIds!: number[];

  @CustomerField()
  customer!: CustomerDto;
}
