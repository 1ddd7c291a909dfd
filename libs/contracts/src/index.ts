export * from './routes';
export * from './errors';
export * from './cluster';
export * from './node';
export * from './task';
export * from './socket';
export * from './k8s-names';
