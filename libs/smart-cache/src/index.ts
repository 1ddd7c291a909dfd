export * from './smart-cache.module';
export * from './node-index';
