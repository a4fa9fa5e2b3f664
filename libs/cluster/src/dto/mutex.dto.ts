import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { OptionalField } from '@app/common';

/** `POST /api/cluster/mutex` body: hold the cluster lock `resource` for `holdMs`. */
export class HoldMutexDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'maintenance' })
  @IsString()
  @Length(1, 200)
  resource!: string;

  @ApiProperty({ minimum: 0, maximum: 600_000, example: 1000, description: 'how long to hold it once granted (ms)' })
  @IsInt()
  @Min(0)
  @Max(600_000)
  holdMs!: number;
}

/** `GET /api/cluster/mutex` query. */
export class MutexQueryDto {
  @ApiPropertyOptional({ description: 'only the enter/exit log of this resource' })
  @OptionalField()
  @IsString()
  @Length(1, 200)
  resource?: string;
}
