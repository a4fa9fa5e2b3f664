import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '@app/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** `POST /api/admin/theaters`. */
export class CreateTheaterDto {
  @ApiProperty({ example: 'Marquee Central', maxLength: 120, description: 'unique; trimmed' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ example: 'Lyon', maxLength: 120 })
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  city?: string;
}
