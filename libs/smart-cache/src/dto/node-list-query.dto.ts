import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NODE_LIST_MAX_LIMIT, NodeListQuery, NodeReadiness, NodeSortField } from '@knm/contracts';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * Query string of `GET /clusters/:cluster/nodes` (contracts NodeListQuery). Every rule names its
 * parameter; unknown parameters are rejected by the global ValidationPipe (forbidNonWhitelisted).
 * The selector's grammar and the taint filter are checked by the service (INVALID_SELECTOR / VALIDATION_FAILED).
 */
export class NodeListQueryDto implements NodeListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  selector?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  q?: string;

  @IsOptional()
  @IsIn(['Ready', 'NotReady', 'Unknown'])
  readiness?: NodeReadiness;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'cordoned must be true or false' })
  cordoned?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  role?: string;

  @IsOptional()
  @IsString()
  @MaxLength(317)
  taint?: string;

  @IsOptional()
  @IsIn(['name', 'age', 'status'])
  sort?: NodeSortField;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(NODE_LIST_MAX_LIMIT)
  limit?: number;
}
