import type { JsonValue } from '../api/types';
import { ApiError } from '../api/status';
import { parseFaultSettings } from '../faults/faults';
import type { ApiResponse } from '../server/resource-api';
import type { KubeSimHandle } from '../sim-handle';
import { NODE_ROUTES } from './control-nodes';
import { badRequest, json, type ControlRoute } from './control-route';

/**
 * The `/sim/...` control API over the library handle (same operations, JSON in and out). Bad
 * input is 400 `{code: "BAD_REQUEST", message, details: {violations: [{field, rule}]}}` and
 * changes nothing; a missing node or pod is the apiserver's 404 Status.
 *
 * - `GET /sim/faults`, `PUT /sim/faults` (partial FaultSettings) -> FaultSettings
 * - `POST /sim/watches/drop` `{mode?: "close"|"reset"}` -> `{dropped}`
 * - `POST /sim/watches/force-gone` `{count?: 1}`; `POST /sim/watches/compact` (all history expires)
 * - `GET /sim/stats` -> SimStatsSnapshot (requests, watches, disruptions); `POST /sim/stats/reset` -> zeroed snapshot
 * - `PUT /sim/heartbeats` `{intervalMs}` (0 = off)
 * - node faults, labels, taints, histories and churn: see control-nodes.ts
 * - `PUT /sim/pods/:namespace/:name/ready` `{ready: boolean}`
 *
 * Node and pod actions answer the stored object.
 */
export function createControlHandler(sim: KubeSimHandle): (method: string, path: string[], query: URLSearchParams, body: JsonValue | undefined) => ApiResponse | undefined {
  const routes = [...CORE_ROUTES, ...NODE_ROUTES];
  return (method, path, query, body) => {
    for (const route of routes) {
      const params = match(route, method, path);
      if (!params) continue;
      try {
        return route.handle(sim, { params, query, body: body && typeof body === 'object' && !Array.isArray(body) ? body : {} });
      } catch (err) {
        if (err instanceof ApiError) return json(err.code, err.toStatus());
        return badRequest(err instanceof Error ? err.message : String(err), 'body');
      }
    }
    return undefined;
  };
}

function match(route: ControlRoute, method: string, path: string[]): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const parts = route.path.split('/');
  if (parts.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) params[parts[i].slice(1)] = path[i];
    else if (parts[i] !== path[i]) return undefined;
  }
  return params;
}

const CORE_ROUTES: ControlRoute[] = [
  { method: 'GET', path: 'faults', handle: (sim) => json(200, sim.faults.get()) },
  { method: 'PUT', path: 'faults', handle: (sim, r) => json(200, sim.faults.set(parseFaultSettings(r.body))) },
  { method: 'POST', path: 'watches/drop', handle: (sim, r) => json(200, { dropped: sim.faults.dropWatches(r.body.mode === 'reset' ? 'reset' : 'close') }) },
  {
    method: 'POST', path: 'watches/force-gone',
    handle: (sim, r) => {
      sim.faults.forceGone(typeof r.body.count === 'number' ? r.body.count : 1);
      return json(200, sim.faults.get());
    },
  },
  {
    method: 'POST', path: 'watches/compact',
    handle: (sim) => {
      sim.faults.compactHistory();
      return json(200, { resourceVersion: sim.resourceVersion() });
    },
  },
  { method: 'GET', path: 'stats', handle: (sim) => json(200, sim.stats()) },
  { method: 'POST', path: 'stats/reset', handle: (sim) => json(200, sim.resetStats()) },
  {
    method: 'PUT', path: 'heartbeats',
    handle: (sim, r) => {
      if (typeof r.body.intervalMs !== 'number' || r.body.intervalMs < 0) return badRequest('intervalMs must be a non-negative number', 'intervalMs');
      sim.nodes.setHeartbeatInterval(r.body.intervalMs);
      return json(200, { intervalMs: r.body.intervalMs });
    },
  },
  {
    method: 'PUT', path: 'pods/:namespace/:name/ready',
    handle: (sim, r) => {
      if (typeof r.body.ready !== 'boolean') return badRequest('ready must be a boolean', 'ready');
      return json(200, sim.pods.setReady(r.params.namespace, r.params.name, r.body.ready));
    },
  },
];
