import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { TicketTypeIds } from '../../dto/seat-ids';
import { normaliseReservationName, RESERVATION_NAME_MAX_LENGTH, reservationNameProblem } from '@app/contracts';

/** Validates a normalised reservation name with {@link reservationNameProblem}. */
function IsReservationName(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isReservationName',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} ${typeof args.value === 'string' ? (reservationNameProblem(args.value) ?? 'is invalid') : 'must be a string'}`,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && reservationNameProblem(value) === undefined,
      },
    });
}

/** A required customer name: trimmed, NFC, then 1–100 printable characters (case-sensitive). */
function ReservationNameField() {
  return applyDecorators(
    ApiProperty({
      example: 'Ada Lovelace',
      minLength: 1,
      maxLength: RESERVATION_NAME_MAX_LENGTH,
      description: 'the customer’s name; case-sensitive',
    }),
    Transform(({ value }) => (typeof value === 'string' ? normaliseReservationName(value) : value)),
    IsReservationName(),
  );
}

/**
 * Largest count a reservation request may carry. Above MAX_SEATS_PER_BOOKING the answer is
 * still the contract's "only <left> seats left" when fewer are left, so the bound is loose.
 */
export const RESERVATION_COUNT_LIMIT = 10_000;

/** `POST /api/shows/:id/reservations` body: the best `count` seats side by side for `name`. */
export class ReserveDto {
  @ReservationNameField()
  name!: string;

  @ApiProperty({
    minimum: 1,
    maximum: RESERVATION_COUNT_LIMIT,
    example: 2,
    description:
      'at most MAX_SEATS_PER_BOOKING (default 10); a larger count than the seats left is answered NOT_ENOUGH_SEATS first',
  })
  @IsInt()
  @Min(1)
  @Max(RESERVATION_COUNT_LIMIT)
  count!: number;

  @TicketTypeIds('one ticket type id per seat reserved, `count` of them (the CLI’s --types)')
  ticketTypeIds?: number[];
}

/** `?name=` of `GET` and `DELETE /api/shows/:id/reservations`. */
export class ReservationQueryDto {
  @ReservationNameField()
  name!: string;
}
