import { Module } from '@nestjs/common';
import { ClusterModule } from '@knm/cluster';
import { RealtimeModule } from '@knm/realtime';
import { SmartCacheModule } from '@knm/smart-cache';
import { InformerRepository } from './informer.repository';
import { InformerService } from './informer.service';
import { KubeNodeWatchSource, NodeWatchSource } from './node-watch-source';

/**
 * Node watches (one per cluster, under the `informer:<cluster>` lease) feeding the summary table,
 * the cache and `node:changed`. Needs LeaseCoordinator (global LeaderModule).
 */
@Module({
  imports: [ClusterModule, SmartCacheModule, RealtimeModule],
  providers: [InformerService, InformerRepository, { provide: NodeWatchSource, useClass: KubeNodeWatchSource }],
  exports: [InformerService],
})
export class InformerModule {}
