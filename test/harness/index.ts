export * from './api-process';
export * from './http';
export * from './socket';
export * from './postgres';
