export * from './health.module';
export * from './health.service';
export * from './metrics.registry';
export * from './cluster-health';
export * from './database.health';
