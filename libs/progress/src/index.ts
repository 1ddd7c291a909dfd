export * from './progress.module';
export * from './progress.service';
export * from './task-recorder';
export * from './task-ownership.service';
export type { NewTaskRecord } from './task.repository';
export * from './progress.factory';
export type { TaskOwnershipRepository } from './task-ownership.repository';
