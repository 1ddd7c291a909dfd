import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { clusterConnectionSchema, ClusterResponse, clusterParamsSchema, ClusterTestResponse, createClusterSchema, RoutePaths } from '@knm/contracts';
import { Accepts, Input, type RequestInput } from '@knm/common';
import { ClusterService } from './cluster.service';

const registerInput = { body: createClusterSchema };
const testInput = { body: clusterConnectionSchema };
const clusterInput = { params: clusterParamsSchema };

/** Cluster registry REST API (`/api/v1/clusters`). The kubeconfig is never returned. */
@ApiTags('clusters')
@Controller()
export class ClusterController {
  constructor(private readonly clusters: ClusterService) {}

  @Post(RoutePaths.clusters)
  @Accepts(registerInput)
  register(@Input() input: RequestInput<typeof registerInput>): Promise<ClusterResponse> {
    return this.clusters.register(input.body);
  }

  @Post(RoutePaths.clusterTest)
  @HttpCode(200)
  @Accepts(testInput)
  test(@Input() input: RequestInput<typeof testInput>): Promise<ClusterTestResponse> {
    return this.clusters.test(input.body);
  }

  @Get(RoutePaths.clusters)
  @Accepts({})
  list(): Promise<ClusterResponse[]> {
    return this.clusters.list();
  }

  @Get(RoutePaths.cluster)
  @Accepts(clusterInput)
  get(@Input() input: RequestInput<typeof clusterInput>): Promise<ClusterResponse> {
    return this.clusters.get(input.params.cluster);
  }

  @Delete(RoutePaths.cluster)
  @HttpCode(204)
  @Accepts(clusterInput)
  remove(@Input() input: RequestInput<typeof clusterInput>): Promise<void> {
    return this.clusters.remove(input.params.cluster);
  }
}
