/**
 * kube-sim: a Kubernetes API server simulator for tests, benchmarks and demos.
 * `startKubeSim(options)` -> KubeSim (url, kubeconfig, control handle, stop()).
 */
export { startKubeSim, type KubeSim, type KubeSimOptions } from './sim';
export type { KubeSimHandle, SimFaults, SimNodes, SimPods, SimDisruptionBudgets, SimHistories, SimChurn, SimEvents } from './sim-handle';
export type { ConditionChange } from './control/kubelet';
export type { NotReadyOptions, FlapOptions } from './control/node-faults';
export type { HistoryStep, AppliedStep, HistoryPlayback } from './control/node-history';
export { parseHistory } from './control/node-history';
export type { ChurnOptions, ChurnIncident } from './control/churn';
export type { DisruptionStatsSnapshot, PodDisruptionCounts, CoveredDelete } from './workloads/disruption-stats';
export type { FaultSettings } from './faults/faults';
export { DEFAULT_FAULTS } from './faults/faults';
export type { SimStatsSnapshot } from './server/stats';
export type { KubeObject, Node, Pod, PodDisruptionBudget, Taint, NodeCondition, CoreEvent, ObjectReference } from './api/types';
export type { Status } from './api/status';
