export * from './realtime.module';
export * from './realtime-publisher';
export * from './task-event-source';
export * from './task-subscriptions';
