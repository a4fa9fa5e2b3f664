import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';

/** `?email=` of a customer's booking calls. */
export class EmailQueryDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

/** `?email=&code=`: the customer's bookings, proven by one of their booking codes. */
export class CustomerBookingsQueryDto extends EmailQueryDto {
  @ApiProperty({ example: '7KQ2M9XD', description: 'one of the customer’s booking codes' })
  @IsString()
  @Matches(/^[0-9A-HJKMNP-TV-Z]{8}$/i, { message: 'code must be an 8-character booking code' })
  code!: string;
}
