import type { JsonValue, Taint } from '../api/types';
import { ApiError } from '../api/status';
import { parseFaultSettings } from '../faults/faults';
import type { ApiResponse } from '../server/resource-api';
import type { KubeSimHandle } from '../sim-handle';

const json = (status: number, value: unknown): ApiResponse => ({ status, body: JSON.stringify(value) });
const bad = (message: string): ApiResponse => json(400, { message });
const obj = (body: JsonValue | undefined): Record<string, JsonValue> => (body && typeof body === 'object' && !Array.isArray(body) ? body : {});

/**
 * The `/sim/...` control API over the library handle (same operations, JSON in and out):
 *
 * - `GET /sim/faults`, `PUT /sim/faults` (partial FaultSettings) -> FaultSettings
 * - `POST /sim/watches/drop` `{mode?: "close"|"reset"}` -> `{dropped}`
 * - `POST /sim/watches/force-gone` `{count?: 1}`; `POST /sim/watches/compact` (all history expires)
 * - `GET /sim/stats` -> SimStatsSnapshot
 * - `PUT /sim/nodes/:name/ready` `{status: "True"|"False"|"Unknown"}`
 * - `POST /sim/nodes/:name/taints` Taint; `DELETE /sim/nodes/:name/taints/:key[?effect=E]`
 * - `PATCH /sim/nodes/:name/labels` `{key: value|null}`
 * - `PUT /sim/heartbeats` `{intervalMs}` (0 = off)
 * - `PUT /sim/pods/:namespace/:name/ready` `{ready: boolean}`
 *
 * Node and pod actions answer the stored object; Kubernetes errors come back as Status objects.
 */
export function createControlHandler(sim: KubeSimHandle): (method: string, path: string[], query: URLSearchParams, body: JsonValue | undefined) => ApiResponse | undefined {
  return (method, path, query, body) => {
    const route = `${method} ${path.map((p, i) => (isParam(path, i) ? ':' : p)).join('/')}`;
    try {
      return dispatch(sim, route, path, query, obj(body));
    } catch (err) {
      if (err instanceof ApiError) return json(err.code, err.toStatus());
      return bad(err instanceof Error ? err.message : String(err));
    }
  };
}

function isParam(path: string[], i: number): boolean {
  if (path[0] === 'nodes') return i === 1 || (path[2] === 'taints' && i === 3);
  if (path[0] === 'pods') return i === 1 || i === 2;
  return false;
}

function dispatch(sim: KubeSimHandle, route: string, path: string[], query: URLSearchParams, body: Record<string, JsonValue>): ApiResponse | undefined {
  switch (route) {
    case 'GET faults':
      return json(200, sim.faults.get());
    case 'PUT faults':
      return json(200, sim.faults.set(parseFaultSettings(body)));
    case 'POST watches/drop': {
      const mode = body.mode === 'reset' ? 'reset' : 'close';
      return json(200, { dropped: sim.faults.dropWatches(mode) });
    }
    case 'POST watches/force-gone':
      sim.faults.forceGone(typeof body.count === 'number' ? body.count : 1);
      return json(200, sim.faults.get());
    case 'POST watches/compact':
      sim.faults.compactHistory();
      return json(200, { resourceVersion: sim.resourceVersion() });
    case 'GET stats':
      return json(200, sim.stats());
    case 'PUT heartbeats':
      if (typeof body.intervalMs !== 'number' || body.intervalMs < 0) return bad('intervalMs must be a non-negative number');
      sim.nodes.setHeartbeatInterval(body.intervalMs);
      return json(200, { intervalMs: body.intervalMs });
    case 'PUT nodes/:/ready':
      if (body.status !== 'True' && body.status !== 'False' && body.status !== 'Unknown') return bad('status must be "True", "False" or "Unknown"');
      return json(200, sim.nodes.setReady(path[1], body.status));
    case 'POST nodes/:/taints':
      if (typeof body.key !== 'string' || typeof body.effect !== 'string') return bad('a taint needs key and effect');
      return json(200, sim.nodes.addTaint(path[1], body as unknown as Taint));
    case 'DELETE nodes/:/taints/:':
      return json(200, sim.nodes.removeTaint(path[1], path[3], query.get('effect') ?? undefined));
    case 'PATCH nodes/:/labels':
      if (Object.values(body).some((v) => v !== null && typeof v !== 'string')) return bad('label values must be strings or null');
      return json(200, sim.nodes.setLabels(path[1], body as Record<string, string | null>));
    case 'PUT pods/:/:/ready':
      if (typeof body.ready !== 'boolean') return bad('ready must be a boolean');
      return json(200, sim.pods.setReady(path[1], path[2], body.ready));
    default:
      return undefined;
  }
}
