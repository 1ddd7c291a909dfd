import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { CreateClusterRequest } from '@knm/contracts';
import { ExactlyOneOf, IsDns1123Label } from './cluster-validators';

/** Largest kubeconfig text accepted (bytes of UTF-16 code units; exec plugins and inlined CAs fit easily). */
export const KUBECONFIG_MAX_LENGTH = 1_000_000;

/** How to reach a cluster: kubeconfig text or a path readable by the API process, and an optional context. */
export class ClusterConnectionDto {
  // Validated when given, and when the path is missing too (then exactly-one-of reports it).
  @ApiPropertyOptional({ description: 'Kubeconfig YAML text (exactly one of kubeconfig, kubeconfigPath)', maxLength: KUBECONFIG_MAX_LENGTH })
  @ValidateIf((o: ClusterConnectionDto) => o.kubeconfig !== undefined || o.kubeconfigPath === undefined)
  @ExactlyOneOf(['kubeconfig', 'kubeconfigPath'])
  @IsString()
  @IsNotEmpty()
  @MaxLength(KUBECONFIG_MAX_LENGTH)
  kubeconfig?: string;

  @ApiPropertyOptional({ description: 'Path of a kubeconfig file readable by the API process', maxLength: 4096 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  kubeconfigPath?: string;

  @ApiPropertyOptional({ description: "Context to use; default: the kubeconfig's current-context", maxLength: 253 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(253)
  context?: string;
}

/** `POST /clusters` body (contracts CreateClusterRequest). */
export class CreateClusterDto extends ClusterConnectionDto implements CreateClusterRequest {
  @ApiProperty({ description: 'Cluster name: DNS-1123 label (lowercase alphanumerics and -, at most 63)', example: 'prod-eu-1' })
  @IsDns1123Label()
  name!: string;
}
