import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { CustomerDto, CustomerField } from './customer.dto';
import { MAX_ID, SEATS_PER_REQUEST_LIMIT, SeatIds, TicketTypeIds } from './seat-ids';
import { OptionalField } from '@app/common';

/** `POST /api/bookings` body: `seatIds` or `count` (best seats side by side), not both. */
export class CreateBookingDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  showId!: number;

  @SeatIds(false)
  @OptionalField()
  seatIds?: number[];

  @ApiProperty({ required: false, minimum: 1, maximum: SEATS_PER_REQUEST_LIMIT, example: 2 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(SEATS_PER_REQUEST_LIMIT)
  count?: number;

  @TicketTypeIds('one ticket type id per seat, aligned with `seatIds`, or with the `count` seats picked (best first)')
  ticketTypeIds?: number[];

  @CustomerField()
  customer!: CustomerDto;
}
