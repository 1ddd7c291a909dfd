import { Module } from '@nestjs/common';
import { ClusterModule } from '@knm/cluster';
import { InformerModule } from '@knm/informer';
import { SmartCacheModule } from '@knm/smart-cache';
import { FollowerCacheService } from './follower-cache.service';

/** Replicated-mode wiring: follower node caches fed from the table on NOTIFY hints (no-op in embedded mode). */
@Module({
  imports: [ClusterModule, InformerModule, SmartCacheModule],
  providers: [FollowerCacheService],
})
export class ReplicationModule {}
