import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsEmail, IsObject, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Who holds or books: a name (1–100 characters) and an email (compared case-insensitively). */
export class CustomerDto {
  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  @Matches(/^[^\u0000-\u001f\u007f]+$/u, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

/** A required, validated `customer` object property. */
export function CustomerField() {
  return applyDecorators(
    ApiProperty({ type: CustomerDto }),
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => CustomerDto),
  );
}
