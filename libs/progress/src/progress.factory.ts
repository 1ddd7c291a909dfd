import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@knm/common';
import { RealtimePublisher, TaskEventReplay } from '@knm/realtime';
import { ProgressService } from './progress.service';
import { TaskDb } from './task-db';
import { TaskEventWriter } from './task-event-writer';
import { TaskOwnershipRepository } from './task-ownership.repository';
import { TaskOwnershipService } from './task-ownership.service';
import { TaskRepository } from './task.repository';

/**
 * Builds the progress services without Nest (tests and tools), wired exactly as ProgressModule
 * wires them. `ds` must be initialised and migrated.
 */
export function createProgressServices(ds: DataSource, publisher: RealtimePublisher, clock: Clock, config: AppConfig) {
  const db = new TaskDb(ds);
  const replay = new TaskEventReplay();
  const progress = new ProgressService(db, new TaskRepository(db), new TaskEventWriter(db, publisher), publisher, replay, clock);
  progress.onModuleInit();
  const ownershipRepository = new TaskOwnershipRepository(db, clock);
  const ownership = new TaskOwnershipService(ownershipRepository, config);
  return { db, replay, progress, ownership, ownershipRepository };
}
