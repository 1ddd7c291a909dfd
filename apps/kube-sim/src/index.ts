/**
 * kube-sim: a Kubernetes API server simulator for tests, benchmarks and demos.
 * `startKubeSim(options)` -> KubeSim (url, kubeconfig, control handle, stop()).
 */
export { startKubeSim, type KubeSim, type KubeSimOptions } from './sim';
export type { KubeSimHandle, SimFaults, SimNodes, SimPods, SimDisruptionBudgets } from './sim-handle';
export type { FaultSettings } from './faults/faults';
export { DEFAULT_FAULTS } from './faults/faults';
export type { SimStatsSnapshot } from './server/stats';
export type { KubeObject, Node, Pod, PodDisruptionBudget, Taint, NodeCondition } from './api/types';
export type { Status } from './api/status';
