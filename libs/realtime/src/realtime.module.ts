import { Module } from '@nestjs/common';
import { ClusterModule } from '@knm/cluster';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime-publisher';
import { TaskEventReplay } from './task-event-source';

/**
 * The Socket.IO gateway on `/realtime`. Exports {@link RealtimePublisher} (inject it to emit) and
 * {@link TaskEventReplay} (the progress library registers its event source there). Imports
 * ClusterModule so that subscriptions to clusters that are not registered are refused.
 */
@Module({
  imports: [ClusterModule],
  providers: [RealtimeGateway, TaskEventReplay, { provide: RealtimePublisher, useExisting: RealtimeGateway }],
  exports: [RealtimePublisher, TaskEventReplay],
})
export class RealtimeModule {}
