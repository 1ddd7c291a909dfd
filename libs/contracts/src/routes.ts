/**
 * REST routes shared by the API (controllers) and the console (HTTP client).
 * Every route string is written once, here.
 */
export const API_PREFIX = '/api/v1';

/** Path segments as Nest controllers declare them (relative to {@link API_PREFIX}). */
export const RoutePaths = {
  clusters: 'clusters',
  cluster: 'clusters/:cluster',
  clusterTest: 'clusters/test',
  nodes: 'clusters/:cluster/nodes',
  node: 'clusters/:cluster/nodes/:node',
  clusterTasks: 'clusters/:cluster/tasks',
  tasks: 'tasks',
  task: 'tasks/:id',
  taskEvents: 'tasks/:id/events',
  taskCancel: 'tasks/:id/cancel',
  taskRetry: 'tasks/:id/retry',
} as const;

const enc = encodeURIComponent;

/** Absolute URL paths for clients. Path parameters are URL-encoded. */
export const ApiRoutes = {
  clusters: () => `${API_PREFIX}/clusters`,
  cluster: (cluster: string) => `${API_PREFIX}/clusters/${enc(cluster)}`,
  clusterTest: () => `${API_PREFIX}/clusters/test`,
  nodes: (cluster: string) => `${API_PREFIX}/clusters/${enc(cluster)}/nodes`,
  node: (cluster: string, node: string) => `${API_PREFIX}/clusters/${enc(cluster)}/nodes/${enc(node)}`,
  clusterTasks: (cluster: string) => `${API_PREFIX}/clusters/${enc(cluster)}/tasks`,
  tasks: () => `${API_PREFIX}/tasks`,
  task: (id: string) => `${API_PREFIX}/tasks/${enc(id)}`,
  taskEvents: (id: string) => `${API_PREFIX}/tasks/${enc(id)}/events`,
  taskCancel: (id: string) => `${API_PREFIX}/tasks/${enc(id)}/cancel`,
  taskRetry: (id: string) => `${API_PREFIX}/tasks/${enc(id)}/retry`,
} as const;

/** Health and metrics endpoints (not versioned, not under the API prefix). */
export const HealthRoutes = {
  live: '/health/live',
  ready: '/health/ready',
  metrics: '/metrics',
} as const;

/** Socket.IO namespace for realtime events. */
export const REALTIME_NAMESPACE = '/realtime';

/** Response header carrying the request id (also accepted on requests). */
export const REQUEST_ID_HEADER = 'x-request-id';
