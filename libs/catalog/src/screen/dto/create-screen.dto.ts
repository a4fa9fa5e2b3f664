import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { LayoutField } from './layout-field';

/** `POST /api/admin/screens`. The layout's characters are checked by the service (clear row/column messages). */
export class CreateScreenDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  theaterId!: number;

  @ApiProperty({ example: 'Screen 1', maxLength: 60, description: 'unique within the theater; trimmed' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name!: string;

  @LayoutField()
  layout!: string[];
}
