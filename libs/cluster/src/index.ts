export * from './cluster.module';
export * from './cluster-clients';
