import { Controller, Get, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { clusterParamsSchema, NodeListResponse, nodeListQuerySchema, nodeParamsSchema, RoutePaths } from '@knm/contracts';
import { Accepts, Input, type RequestInput } from '@knm/common';
import { ServerTimingInterceptor } from './server-timing.interceptor';
import { NodeDetailResponse, SmartCacheService } from './smart-cache.service';

const listInput = { params: clusterParamsSchema, query: nodeListQuerySchema };
const detailInput = { params: nodeParamsSchema };

/** Node queries served from this replica's cache (`/api/v1/clusters/:cluster/nodes`). */
@ApiTags('nodes')
@Controller()
@UseInterceptors(ServerTimingInterceptor)
export class SmartCacheController {
  constructor(private readonly cache: SmartCacheService) {}

  @Get(RoutePaths.nodes)
  @Accepts(listInput)
  listNodes(@Input() input: RequestInput<typeof listInput>): Promise<NodeListResponse> {
    return this.cache.listNodes(input.params.cluster, input.query);
  }

  @Get(RoutePaths.node)
  @Accepts(detailInput)
  nodeDetail(@Input() input: RequestInput<typeof detailInput>): Promise<NodeDetailResponse> {
    return this.cache.nodeDetail(input.params.cluster, input.params.node);
  }
}
