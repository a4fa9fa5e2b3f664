import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalField } from '@app/common';

/** Highest ticket price or surcharge (integer cents), as for show prices. */
export const MAX_TICKET_CENTS = 100_000;

/** Seat kinds a surcharge may be set for (the kinds a layout holds). */
export const SURCHARGE_KINDS = ['standard', 'premium', 'wheelchair'] as const;

/** `POST /api/admin/theaters/:id/ticket-types`. */
export class CreateTicketTypeDto {
  @ApiProperty({ example: 'Child', minLength: 1, maxLength: 40 })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    example: 800,
    nullable: true,
    minimum: 0,
    maximum: MAX_TICKET_CENTS,
    description: "integer cents; null: each show's own price",
  })
  @OptionalField({ nullable: true })
  @IsInt()
  @Min(0)
  @Max(MAX_TICKET_CENTS)
  priceCents!: number | null;

  @ApiProperty({
    required: false,
    minimum: 0,
    maximum: 1000,
    description: 'sort order; the lowest on sale is the default',
  })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

/** `PATCH /api/admin/theaters/:id/ticket-types/:typeId`: any of the fields. */
export class UpdateTicketTypeDto {
  @ApiProperty({ required: false, example: 'Child', minLength: 1, maxLength: 40 })
  @OptionalField()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiProperty({ required: false, nullable: true, minimum: 0, maximum: MAX_TICKET_CENTS })
  @OptionalField({ nullable: true })
  @IsInt()
  @Min(0)
  @Max(MAX_TICKET_CENTS)
  priceCents?: number | null;

  @ApiProperty({ required: false, minimum: 0, maximum: 1000 })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @ApiProperty({ required: false, description: 'false: off sale (kept on bookings already made)' })
  @OptionalField()
  @IsBoolean()
  active?: boolean;
}

/** `PUT /api/admin/theaters/:id/surcharges/:kind`. */
export class SurchargeDto {
  @ApiProperty({ example: 300, minimum: 0, maximum: MAX_TICKET_CENTS, description: 'integer cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_TICKET_CENTS)
  surchargeCents!: number;
}

/** `PUT /api/admin/theaters/:id/currency`. */
export class CurrencyDto {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  @IsString()
  @IsIn(Intl.supportedValuesOf('currency'), { message: 'currencyCode must be an ISO 4217 code, e.g. EUR' })
  currencyCode!: string;
}

/** The `:kind` path parameter of the surcharge route. */
export function isSurchargeKind(kind: string): kind is (typeof SURCHARGE_KINDS)[number] {
  return (SURCHARGE_KINDS as readonly string[]).includes(kind);
}
