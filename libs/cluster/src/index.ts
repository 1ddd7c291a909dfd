export * from './cluster.module';
export * from './cluster-clients';
export * from './cluster.service';
export * from './cluster-events';
export * from './cluster-connector';
export * from './kubeconfig';
export * from './kubeconfig-cipher';
export * from './address-policy';
