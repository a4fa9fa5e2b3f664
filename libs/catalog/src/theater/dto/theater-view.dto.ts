import { ApiProperty } from '@nestjs/swagger';

/** A screen as listed under its theater. */
export class TheaterScreenView {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: 'Screen 1' }) name!: string;
  @ApiProperty({ example: 180, description: 'number of seats' }) seatCount!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'an imported auditorium no showtime used at the last import (kept, flagged)',
  })
  vanishedAt!: Date | null;
}

/** A theater with its screens. */
export class TheaterView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Marquee Central' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Lyon' }) city!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '79 Rue de la République, 69002 Lyon, France' })
  address!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Paris', description: 'null: CINEMA_TIME_ZONE' })
  timeZone!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '61834',
    description: "the showtimes API's cinema id; null: made here",
  })
  sourceId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the last import no longer listed it (kept, flagged)' })
  vanishedAt!: Date | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1200,
    description: 'imported shows: standard and wheelchair seats, cents; null: the default',
  })
  priceCents!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1800,
    description: 'imported shows: premium seats, cents; null: the default',
  })
  premiumPriceCents!: number | null;
  @ApiProperty({ type: [TheaterScreenView] }) screens!: TheaterScreenView[];
}
