import { ApiProperty } from '@nestjs/swagger';

/** A reference to a theater. */
export class TheaterRefView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Marquee Central' }) name!: string;
}

/** How many seats of each kind a screen has. */
export class SeatKindCountsView {
  @ApiProperty({ example: 150 }) standard!: number;
  @ApiProperty({ example: 24 }) premium!: number;
  @ApiProperty({ example: 6 }) wheelchair!: number;
}

/** A screen without its seats. */
export class ScreenView {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: 'Screen 1' }) name!: string;
  @ApiProperty({ type: TheaterRefView }) theater!: TheaterRefView;
  @ApiProperty({ example: 180 }) seatCount!: number;
  @ApiProperty({ type: SeatKindCountsView }) seatKinds!: SeatKindCountsView;
  @ApiProperty({
    example: 1,
    description:
      'number of the current layout (1 at creation, +1 per change); shows keep the layout they were created with',
  })
  layoutVersion!: number;
}

/** A seat of a screen. `col` is the grid column (gaps included): seats are side by side iff cols differ by 1. */
export class SeatView {
  @ApiProperty({ example: 57 }) id!: number;
  @ApiProperty({ example: 'C7' }) label!: string;
  @ApiProperty({ example: 'C' }) row!: string;
  @ApiProperty({ example: 7 }) number!: number;
  @ApiProperty({ example: 2, description: '0-based layout line from the screen' }) rowIndex!: number;
  @ApiProperty({ example: 8 }) col!: number;
  @ApiProperty({ enum: ['standard', 'premium', 'wheelchair'] }) kind!: string;
}

/** A screen with its layout, a text preview and its seats. */
export class ScreenDetailView extends ScreenView {
  @ApiProperty({ type: [String], example: ['ww_ssss_ww', 'ssss_ssss', 'pppp_pppp'] }) layout!: string[];
  @ApiProperty({ description: 'monospace picture of the layout' }) preview!: string;
  @ApiProperty({ type: [SeatView] }) seats!: SeatView[];
}
