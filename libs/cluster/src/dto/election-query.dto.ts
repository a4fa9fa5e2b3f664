import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalField } from '@app/common';
import { ELECTION_ALGORITHMS, type ElectionAlgorithm } from '../leader-election';

/** `POST /api/cluster/election` query: which algorithm to run (default ELECTION_ALGORITHM). */
export class ElectionQueryDto {
  @ApiPropertyOptional({ enum: ELECTION_ALGORITHMS })
  @OptionalField()
  @IsIn(ELECTION_ALGORITHMS)
  algorithm?: ElectionAlgorithm;
}
