import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClusterModule } from '@knm/cluster';
import { ClusterNodeEntity } from '@knm/persistence';
import { NodeIndex } from './node-index';
import { NodePodsReader } from './node-pods.reader';
import { SmartCacheController } from './smart-cache.controller';
import { SmartCacheRepository } from './smart-cache.repository';
import { SmartCacheService } from './smart-cache.service';

/** Per-replica node index and node query API; provides {@link NodeIndex}. */
@Module({
  imports: [ClusterModule, TypeOrmModule.forFeature([ClusterNodeEntity])],
  controllers: [SmartCacheController],
  providers: [SmartCacheService, SmartCacheRepository, NodePodsReader, { provide: NodeIndex, useExisting: SmartCacheService }],
  exports: [SmartCacheService, NodeIndex],
})
export class SmartCacheModule {}
