export * from './batch.module';
export * from './batch.service';
export * from './node-operation.registry';
export * from './operations';
export * from './node-api';
export * from './api-errors';
