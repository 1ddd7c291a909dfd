import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NODE_LIST_DEFAULT_LIMIT, NODE_LIST_MAX_LIMIT, NodeListQuery, NodeReadiness, NodeSortField } from '@knm/contracts';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * Query string of `GET /clusters/:cluster/nodes` (contracts NodeListQuery). Every rule names its
 * parameter; unknown parameters are rejected by the global ValidationPipe (forbidNonWhitelisted).
 * The selector's grammar and the taint filter are checked by the service (INVALID_SELECTOR / VALIDATION_FAILED).
 */
export class NodeListQueryDto implements NodeListQuery {
  @ApiPropertyOptional({ description: 'Label selector, kubectl syntax: =, ==, !=, in (...), notin (...), key, !key', example: 'node-pool=general,tier in (web,api)' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  selector?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the node name' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  q?: string;

  @ApiPropertyOptional({ enum: ['Ready', 'NotReady', 'Unknown'] })
  @IsOptional()
  @IsIn(['Ready', 'NotReady', 'Unknown'])
  readiness?: NodeReadiness;

  @ApiPropertyOptional({ type: Boolean, description: 'true = cordoned only, false = schedulable only' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'cordoned must be true or false' })
  cordoned?: boolean;

  @ApiPropertyOptional({ description: 'Role from node-role.kubernetes.io/<role> labels' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  role?: string;

  @ApiPropertyOptional({ description: 'Taint filter: key or key:Effect' })
  @IsOptional()
  @IsString()
  @MaxLength(317)
  taint?: string;

  @ApiPropertyOptional({ enum: ['name', 'age', 'status'] })
  @IsOptional()
  @IsIn(['name', 'age', 'status'])
  sort?: NodeSortField;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ type: Number, minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: NODE_LIST_MAX_LIMIT, default: NODE_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(NODE_LIST_MAX_LIMIT)
  limit?: number;
}
