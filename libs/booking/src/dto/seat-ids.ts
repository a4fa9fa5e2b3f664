import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';
import { OptionalField } from '@app/common';

/** Hard bounds of the API; `MAX_SEATS_PER_BOOKING` (default 10) is enforced by the services. */
export const SEATS_PER_REQUEST_LIMIT = 50;
export const MAX_ID = 2_147_483_647;

/** A list of 1–50 distinct positive integer seat ids. */
export function SeatIds(required: boolean) {
  return applyDecorators(
    ApiProperty({ type: [Number], example: [101, 102], required, minItems: 1, maxItems: SEATS_PER_REQUEST_LIMIT }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(SEATS_PER_REQUEST_LIMIT),
    ArrayUnique({ message: 'seatIds must not repeat a seat' }),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(MAX_ID, { each: true }),
  );
}

/**
 * An optional list of ticket type ids, one per seat asked for (aligned with `seatIds`, or with
 * the seats picked for a `count`); absent: every seat takes the theater's default type.
 */
export function TicketTypeIds(description = 'one ticket type id per seat, aligned with `seatIds`', required = false) {
  return applyDecorators(
    ApiProperty({
      type: [Number],
      required,
      example: [1, 1, 2],
      minItems: 1,
      maxItems: SEATS_PER_REQUEST_LIMIT,
      description: `${description}; absent: the theater's default type (GET /api/shows/:id/ticket-types)`,
    }),
    ...(required ? [] : [OptionalField()]),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(SEATS_PER_REQUEST_LIMIT),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(MAX_ID, { each: true }),
  );
}
