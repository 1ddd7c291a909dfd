import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClusterResponse, ClusterTestResponse, RoutePaths } from '@knm/contracts';
import { ClusterService } from './cluster.service';
import { ClusterConnectionDto, CreateClusterDto } from './dto/cluster.dto';

/** Cluster registry REST API (`/api/v1/clusters`). The kubeconfig is never returned. */
@ApiTags('clusters')
@Controller()
export class ClusterController {
  constructor(private readonly clusters: ClusterService) {}

  @Post(RoutePaths.clusters)
  register(@Body() dto: CreateClusterDto): Promise<ClusterResponse> {
    return this.clusters.register(dto);
  }

  @Post(RoutePaths.clusterTest)
  @HttpCode(200)
  test(@Body() dto: ClusterConnectionDto): Promise<ClusterTestResponse> {
    return this.clusters.test(dto);
  }

  @Get(RoutePaths.clusters)
  list(): Promise<ClusterResponse[]> {
    return this.clusters.list();
  }

  @Get(RoutePaths.cluster)
  get(@Param('cluster') cluster: string): Promise<ClusterResponse> {
    return this.clusters.get(cluster);
  }

  @Delete(RoutePaths.cluster)
  @HttpCode(204)
  remove(@Param('cluster') cluster: string): Promise<void> {
    return this.clusters.remove(cluster);
  }
}
