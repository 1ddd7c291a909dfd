import { Module } from '@nestjs/common';
import { RealtimeModule } from '@knm/realtime';
import { ProgressService } from './progress.service';
import { TaskDb } from './task-db';
import { TaskEventWriter } from './task-event-writer';
import { TaskOwnershipRepository } from './task-ownership.repository';
import { TaskOwnershipService } from './task-ownership.service';
import { TaskRepository } from './task.repository';
import { TasksController } from './tasks.controller';

/**
 * Tasks, node results, sequenced task events, replay for sockets, and task ownership
 * (heartbeat + takeover). Exports {@link ProgressService} and {@link TaskOwnershipService}.
 */
@Module({
  imports: [RealtimeModule],
  controllers: [TasksController],
  providers: [TaskDb, TaskRepository, TaskEventWriter, ProgressService, TaskOwnershipRepository, TaskOwnershipService],
  exports: [ProgressService, TaskOwnershipService],
})
export class ProgressModule {}
