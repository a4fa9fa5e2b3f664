import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsISO8601, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalField } from '@app/common';
import { QUEUE_MODES, type QueueMode } from '../entities/show-queue.entity';

/** Bounds of the settings (customers per minute; seconds). */
export const RATE_BOUNDS = { min: 1, max: 100_000 };
export const PICK_WINDOW_BOUNDS = { min: 30, max: 3_600 };

/** PUT /api/admin/shows/:id/queue: a show's waiting-room settings, all of them. */
export class QueueSettingsDto {
  @ApiProperty({
    enum: QUEUE_MODES,
    description: 'off; always; auto (engages when arrivals per minute exceed the rate)',
  })
  @IsIn(QUEUE_MODES)
  mode!: QueueMode;

  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    example: '2026-12-24T10:00:00Z',
    description: 'ISO 8601 on-sale moment; arrivals before it get random places at it. null/absent: open now',
  })
  @OptionalField({ nullable: true })
  @IsString()
  @IsISO8601({ strict: true })
  onSaleAt?: string | null;

  @ApiProperty({ minimum: RATE_BOUNDS.min, maximum: RATE_BOUNDS.max, description: 'customers admitted per minute' })
  @IsInt()
  @Min(RATE_BOUNDS.min)
  @Max(RATE_BOUNDS.max)
  admissionRatePerMin!: number;

  @ApiProperty({
    minimum: PICK_WINDOW_BOUNDS.min,
    maximum: PICK_WINDOW_BOUNDS.max,
    description: 'seconds an admitted customer has to pick seats (the admission token lifetime)',
  })
  @IsInt()
  @Min(PICK_WINDOW_BOUNDS.min)
  @Max(PICK_WINDOW_BOUNDS.max)
  pickWindowSeconds!: number;
}

/** POST /api/shows/:id/queue: the e-mail the customer queues with (one place per e-mail). */
export class JoinQueueDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;
}
