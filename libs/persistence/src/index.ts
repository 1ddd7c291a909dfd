export * from './entities';
export * from './column-types';
export * from './data-source.factory';
export * from './persistence.module';
export { ALL_MIGRATIONS } from './migrations';
export * from './sqlite-gate';
export * from './notifications';
