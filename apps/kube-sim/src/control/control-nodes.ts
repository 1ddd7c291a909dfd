import type { Taint } from '../api/types';
import { parseHistory } from './node-history';
import { checkNumbers, checkTexts, invalidRequest, json, type ControlRoute, type Violation } from './control-route';
import type { ConditionStatus } from './node-conditions';

const STATUSES = ['True', 'False', 'Unknown'];
const CONDITION_TYPE = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
const statusViolation = (value: unknown, allowed = STATUSES): Violation[] => (allowed.includes(String(value)) ? [] : [{ field: 'status', rule: `must be one of ${allowed.join(', ')}` }]);

/**
 * Node fault endpoints of the `/sim` control API (times in real milliseconds; every change is a
 * node write with watch events, the lifecycle controller's taints and the kubelet's events):
 *
 * - `PUT /sim/nodes/:name/ready` `{status: True|False|Unknown, durationMs?, reason?, message?}`
 * - `PUT /sim/nodes/:name/conditions/:type` `{status, durationMs?, reason?, message?}`: any
 *   condition (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable, custom); with
 *   durationMs > 0 it reverts to healthy after that long
 * - `POST /sim/nodes/:name/flap` `{periodMs, durationMs, status?: False|Unknown}`
 * - `POST /sim/nodes/:name/reboot` `{downMs?: 1000}`
 * - `DELETE /sim/nodes/:name/faults` -> `{cancelled}` (pending timed episodes of the node)
 * - `POST /sim/nodes/:name/taints` Taint; `DELETE /sim/nodes/:name/taints/:key[?effect=E]`
 * - `PATCH /sim/nodes/:name/labels` `{key: value|null}`
 * - `POST /sim/history` `{steps: HistoryStep[]}` -> 201 HistoryPlayback; `GET|DELETE /sim/history/:id`
 * - `GET /sim/churn` -> `{settings, incidents}`; `PUT /sim/churn` `{perHour, minSeconds?, maxSeconds?}`
 */
export const NODE_ROUTES: ControlRoute[] = [
  {
    method: 'PUT', path: 'nodes/:name/ready',
    handle: (sim, r) => {
      const v = [...statusViolation(r.body.status), ...checkNumbers(r.body, ['durationMs']), ...checkTexts(r.body, ['reason', 'message'])];
      if (v.length) return invalidRequest(v);
      const change = { type: 'Ready', status: r.body.status as ConditionStatus, reason: r.body.reason as string | undefined, message: r.body.message as string | undefined };
      return json(200, sim.nodes.setCondition(r.params.name, change, (r.body.durationMs as number | undefined) ?? 0));
    },
  },
  {
    method: 'PUT', path: 'nodes/:name/conditions/:type',
    handle: (sim, r) => {
      const v = [...statusViolation(r.body.status), ...checkNumbers(r.body, ['durationMs']), ...checkTexts(r.body, ['reason', 'message'])];
      if (!CONDITION_TYPE.test(r.params.type)) v.push({ field: 'type', rule: 'must be a condition type such as MemoryPressure' });
      if (v.length) return invalidRequest(v);
      const change = { type: r.params.type, status: r.body.status as ConditionStatus, reason: r.body.reason as string | undefined, message: r.body.message as string | undefined };
      return json(200, sim.nodes.setCondition(r.params.name, change, (r.body.durationMs as number | undefined) ?? 0));
    },
  },
  {
    method: 'POST', path: 'nodes/:name/flap',
    handle: (sim, r) => {
      const v = [...checkNumbers(r.body, ['periodMs', 'durationMs'], 2, ['periodMs', 'durationMs']), ...(r.body.status === undefined ? [] : statusViolation(r.body.status, ['False', 'Unknown']))];
      if (v.length) return invalidRequest(v);
      return json(200, sim.nodes.flap(r.params.name, { periodMs: r.body.periodMs as number, durationMs: r.body.durationMs as number, status: r.body.status as 'False' | 'Unknown' | undefined }));
    },
  },
  {
    method: 'POST', path: 'nodes/:name/reboot',
    handle: (sim, r) => {
      const v = checkNumbers(r.body, ['downMs']);
      if (v.length) return invalidRequest(v);
      return json(200, sim.nodes.reboot(r.params.name, r.body.downMs as number | undefined));
    },
  },
  {
    method: 'DELETE', path: 'nodes/:name/faults',
    handle: (sim, r) => {
      if (!sim.nodes.get(r.params.name)) return json(404, { code: 'NOT_FOUND', message: `node ${r.params.name} not found` });
      return json(200, { cancelled: sim.nodes.cancelFaults(r.params.name) });
    },
  },
  {
    method: 'POST', path: 'nodes/:name/taints',
    handle: (sim, r) => {
      if (typeof r.body.key !== 'string' || typeof r.body.effect !== 'string') return invalidRequest([{ field: 'key', rule: 'a taint needs key and effect' }]);
      return json(200, sim.nodes.addTaint(r.params.name, r.body as unknown as Taint));
    },
  },
  { method: 'DELETE', path: 'nodes/:name/taints/:key', handle: (sim, r) => json(200, sim.nodes.removeTaint(r.params.name, r.params.key, r.query.get('effect') ?? undefined)) },
  {
    method: 'PATCH', path: 'nodes/:name/labels',
    handle: (sim, r) => {
      const bad = Object.entries(r.body).filter(([, v]) => v !== null && typeof v !== 'string').map(([k]) => ({ field: k, rule: 'label values must be strings or null' }));
      if (bad.length) return invalidRequest(bad);
      return json(200, sim.nodes.setLabels(r.params.name, r.body as Record<string, string | null>));
    },
  },
  {
    method: 'POST', path: 'history',
    handle: (sim, r) => {
      const parsed = parseHistory(r.body, (name) => sim.nodes.get(name) !== undefined);
      if ('violations' in parsed) return invalidRequest(parsed.violations);
      return json(201, sim.nodes.playHistory(parsed.steps).playback);
    },
  },
  { method: 'GET', path: 'history/:id', handle: (sim, r) => historyAnswer(sim.histories.get(r.params.id), r.params.id) },
  { method: 'DELETE', path: 'history/:id', handle: (sim, r) => historyAnswer(sim.histories.cancel(r.params.id), r.params.id) },
  { method: 'GET', path: 'churn', handle: (sim) => json(200, { settings: sim.churn.get(), incidents: sim.churn.incidents() }) },
  {
    method: 'PUT', path: 'churn',
    handle: (sim, r) => {
      const v = checkNumbers(r.body, ['perHour', 'minSeconds', 'maxSeconds'], 0, ['perHour']);
      if (typeof r.body.perHour === 'number' && r.body.perHour > 3_600_000) v.push({ field: 'perHour', rule: 'must be at most 3600000 (one per millisecond)' });
      if (v.length) return invalidRequest(v);
      return json(200, { settings: sim.churn.set({ perHour: r.body.perHour as number, minSeconds: r.body.minSeconds as number | undefined, maxSeconds: r.body.maxSeconds as number | undefined }) });
    },
  },
];

function historyAnswer(playback: unknown, id: string): ReturnType<typeof json> {
  return playback ? json(200, playback) : json(404, { code: 'NOT_FOUND', message: `no history ${id}` });
}
