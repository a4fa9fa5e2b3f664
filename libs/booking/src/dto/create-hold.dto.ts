import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { CustomerDto } from './customer.dto';
import { SeatIds } from './seat-ids';

/** `POST /api/shows/:id/holds` body. */
export class CreateHoldDto {
  @SeatIds(true)
  seatIds!: number[];

  @ApiProperty({ type: CustomerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;
}
