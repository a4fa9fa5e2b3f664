import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { MAX_LAYOUT_ROWS, MAX_LAYOUT_WIDTH } from '../../layout/seat-layout';

/** The `layout` field of a screen body: rows of seat characters, checked in full by the service. */
export function LayoutField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: [String],
      example: ['ww_ssssss_ww', 'ssss_ssssss_ssss', 'pppp_pppppp_pppp'],
      description: `rows from the screen backwards, 1..${MAX_LAYOUT_ROWS} rows of 1..${MAX_LAYOUT_WIDTH} characters: s standard, p premium, w wheelchair, _ gap`,
    }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_LAYOUT_ROWS),
    IsString({ each: true }),
    MaxLength(MAX_LAYOUT_WIDTH, { each: true }),
  );
}
