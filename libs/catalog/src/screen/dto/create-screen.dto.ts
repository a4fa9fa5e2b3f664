import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_LAYOUT_ROWS, MAX_LAYOUT_WIDTH } from '../../layout/seat-layout';

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

  @ApiProperty({
    type: [String],
    example: ['ww_ssssss_ww', 'ssss_ssssss_ssss', 'pppp_pppppp_pppp'],
    description: `rows from the screen backwards, 1..${MAX_LAYOUT_ROWS} rows of 1..${MAX_LAYOUT_WIDTH} characters: s standard, p premium, w wheelchair, _ gap`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LAYOUT_ROWS)
  @IsString({ each: true })
  @MaxLength(MAX_LAYOUT_WIDTH, { each: true })
  layout!: string[];
}
