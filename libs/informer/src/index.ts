export * from './informer.module';
export * from './informer.service';
export * from './node-diff';
export * from './node-summary';
export { NodeReflector } from './node-reflector';
export type { ReflectorState, ReflectorOptions } from './node-reflector';
export { ReplicationModule } from './replication/replication.module';
export { FollowerCacheService } from './replication/follower-cache.service';
