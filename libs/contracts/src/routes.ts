/**
 * REST routes shared by the API (controllers) and the console (HTTP client). Each path is written
 * once, in {@link RoutePaths}; the client URL builders of {@link ApiRoutes} are derived from it.
 */
export const API_PREFIX = '/api/v1';

/**
 * Path of every route relative to {@link API_PREFIX}, as Nest controllers declare them
 * (`:name` is a path parameter). The single source of each route string.
 */
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
  /** Task history export (CSV or JSON Lines, streamed); `tasks/export` is matched before `tasks/:id`. */
  tasksExport: 'tasks/export',
  authConfig: 'auth/config',
  authLogin: 'auth/login',
  authRefresh: 'auth/refresh',
  authLogout: 'auth/logout',
  authPassword: 'auth/password',
  authMe: 'auth/me',
  authSsoStart: 'auth/sso/start',
  authSsoCallback: 'auth/sso/callback',
  authTokens: 'auth/tokens',
  authToken: 'auth/tokens/:id',
  users: 'users',
  user: 'users/:id',
  roleBindings: 'role-bindings',
  roleBinding: 'role-bindings/:id',
  audit: 'audit',
  auditVerify: 'audit/verify',
  auditExport: 'audit/export',
} as const;
export type RouteName = keyof typeof RoutePaths;

/** The `:name` path parameters of a route path, in order, e.g. `['cluster', 'node']`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...PathParams<Rest>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : [];

type StringsFor<T extends unknown[]> = { [I in keyof T]: string };

/** A URL builder taking one string per path parameter, in path order. */
export type UrlBuilder<P extends string> = (...values: StringsFor<PathParams<P>>) => string;

/**
 * Absolute URL path of `path` with its `:name` parameters replaced, in order, by `values`
 * (URL-encoded). Throws when the number of values does not match the parameters.
 */
export function buildUrl(path: string, values: readonly string[]): string {
  let i = 0;
  const filled = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? encodeURIComponent(values[i++] ?? '') : segment))
    .join('/');
  if (i !== values.length) throw new Error(`route ${path} takes ${i} path parameter(s), got ${values.length}`);
  return `${API_PREFIX}/${filled}`;
}

function urlBuilders<T extends Record<string, string>>(paths: T): { [K in keyof T]: UrlBuilder<T[K]> } {
  const out: Record<string, (...values: string[]) => string> = {};
  for (const [name, path] of Object.entries(paths)) out[name] = (...values: string[]) => buildUrl(path, values);
  return out as { [K in keyof T]: UrlBuilder<T[K]> };
}

/** Absolute URL paths for clients, one builder per {@link RoutePaths} entry: `ApiRoutes.node('prod', 'n1')`. */
export const ApiRoutes = urlBuilders(RoutePaths);

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
