import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, Max, Min } from 'class-validator';
import { CLUSTER_MESSAGE_TYPES, type ClusterEnvelope, type ClusterMessageType } from '../cluster-message';
import { OptionalField } from '@app/common';

const TYPES = [...CLUSTER_MESSAGE_TYPES];

/** `POST /api/cluster/messages` body: one message from another node. */
export class ClusterMessageDto implements ClusterEnvelope<ClusterMessageType> {
  @ApiProperty({ enum: TYPES })
  @IsIn(TYPES)
  type!: ClusterMessageType;

  @ApiProperty({ description: 'sender node id' })
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  from!: number;

  @ApiProperty({ description: 'election term the sender is in' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  term!: number;

  @ApiProperty({ description: "sender's Lamport timestamp of the send" })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  lamport!: number;

  @ApiPropertyOptional({ description: "sender's vector timestamp of the send: { <process key>: <events seen> }" })
  @OptionalField()
  @IsObject()
  vector?: Record<string, number>;

  @ApiPropertyOptional({ description: 'type-specific fields (HEARTBEAT: leader, requestsServed, startedAt)' })
  @OptionalField()
  @IsObject()
  payload?: Record<string, unknown>;
}
