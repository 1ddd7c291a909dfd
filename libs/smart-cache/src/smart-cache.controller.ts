import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NodeListResponse, RoutePaths } from '@knm/contracts';
import { NodeListQueryDto } from './dto/node-list-query.dto';
import { ServerTimingInterceptor } from './server-timing.interceptor';
import { NodeDetailResponse, SmartCacheService } from './smart-cache.service';

/** Node queries served from this replica's cache (`/api/v1/clusters/:cluster/nodes`). */
@ApiTags('nodes')
@Controller()
@UseInterceptors(ServerTimingInterceptor)
export class SmartCacheController {
  constructor(private readonly cache: SmartCacheService) {}

  @Get(RoutePaths.nodes)
  listNodes(@Param('cluster') cluster: string, @Query() query: NodeListQueryDto): Promise<NodeListResponse> {
    return this.cache.listNodes(cluster, query);
  }

  @Get(RoutePaths.node)
  nodeDetail(@Param('cluster') cluster: string, @Param('node') node: string): Promise<NodeDetailResponse> {
    return this.cache.nodeDetail(cluster, node);
  }
}
