import { Module } from '@nestjs/common';
import { ClusterModule } from '@knm/cluster';
import { PersistenceNotificationsModule } from '@knm/persistence';
import { SmartCacheModule } from '@knm/smart-cache';
import { InformerModule } from '../informer.module';
import { FollowerCacheService } from './follower-cache.service';

/**
 * Replicated mode: follower node caches fed from the `cluster_nodes` table on NOTIFY hints, and
 * lease contention for clusters registered or removed through other replicas. A no-op in
 * embedded mode. Needs LeaseCoordinator (global LeaderModule) and AppConfig.
 */
@Module({
  imports: [ClusterModule, InformerModule, SmartCacheModule, PersistenceNotificationsModule],
  providers: [FollowerCacheService],
})
export class ReplicationModule {}
