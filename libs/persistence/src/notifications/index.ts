export * from './notification-listener';
export * from './pg-listen-client';
export * from './pg-notification-listener';
export * from './notifications.module';
export { NODE_CHANGES_CHANNEL } from '../migrations/1732173000000-node-change-notify';
