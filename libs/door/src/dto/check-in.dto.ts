import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalField } from '@app/common';
import { TICKET_CODE_MAX_LENGTH } from '@app/booking';

/** `POST /api/door/check-in` body: a scanned or typed ticket code, and optionally the door's show and name. */
export class CheckInDto {
  @ApiProperty({ example: 'MQ1:7KQ2M9XD:1234:42:GEZDGNBVGY3TQOJQGEZDGNBVGY', maxLength: TICKET_CODE_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(TICKET_CODE_MAX_LENGTH)
  code!: string;

  @ApiProperty({ required: false, example: 42, description: 'the show this door lets in; others answer wrong_show' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  showId?: number;

  @ApiProperty({ required: false, example: 'main', maxLength: 64, description: 'the door’s name (default `door`)' })
  @OptionalField()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[\p{L}\p{N} ._-]+$/u, { message: 'door must be letters, digits, spaces, dots, dashes or underscores' })
  door?: string;
}
