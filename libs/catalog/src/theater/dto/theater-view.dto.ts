import { ApiProperty } from '@nestjs/swagger';

/** A screen as listed under its theater. */
export class TheaterScreenView {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: 'Screen 1' }) name!: string;
  @ApiProperty({ example: 180, description: 'number of seats' }) seatCount!: number;
}

/** A theater with its screens. */
export class TheaterView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Marquee Central' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Lyon' }) city!: string | null;
  @ApiProperty({ type: [TheaterScreenView] }) screens!: TheaterScreenView[];
}
