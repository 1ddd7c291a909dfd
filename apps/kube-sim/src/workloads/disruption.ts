import type { JsonValue, Pod, PodDisruptionBudget, WorkloadController } from '../api/types';
import { ApiError, badRequest, notFound } from '../api/status';
import type { ResourceRegistry } from '../api/registry';
import { labelSelectorFromSpec } from '../selectors/label-selector';
import type { ApiResponse } from '../server/resource-api';
import type { ResourceRequest } from '../server/request-info';
import { controllerOf, isPodHealthy } from './pod-status';
import type { ControllerLookup } from './workload-controllers';
import type { DisruptionStats } from './disruption-stats';

/** The computed part of a PodDisruptionBudget's status. */
export interface BudgetState {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
}

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** Pods a PDB selects: same namespace and matching selector (an absent selector selects none). */
export function selectedPods(pdb: PodDisruptionBudget, podsInNamespace: readonly Pod[]): Pod[] {
  const selector = labelSelectorFromSpec(pdb.spec.selector);
  if (!selector) return [];
  return podsInNamespace.filter((p) => selector.matches(p.metadata.labels));
}

/**
 * Computes a budget's state like the disruption controller (pkg/controller/disruption):
 * minAvailable as an int counts the selected pods as expected; maxUnavailable and percentages
 * take the expected count from the pods' controllers' spec.replicas (percentages round up).
 * currentHealthy counts Ready, non-terminating pods; disruptionsAllowed = max(0, current - desired).
 */
export function computeBudget(pdb: PodDisruptionBudget, pods: readonly Pod[], controllers: ControllerLookup): BudgetState {
  const currentHealthy = pods.filter(isPodHealthy).length;
  const fromControllers = (): number => {
    const seen = new Map<string, number>();
    for (const p of pods) {
      const ref = controllerOf(p);
      if (!ref) continue;
      const c: WorkloadController | undefined = controllers(ref.kind, p.metadata.namespace as string, ref.name);
      seen.set(`${ref.kind}/${ref.name}`, c?.spec.replicas ?? 1);
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
  const resolve = (v: number | string, total: number): number => (typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) * total) / 100) : Number(v));
  let expectedPods: number;
  let desiredHealthy: number;
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    expectedPods = fromControllers();
    desiredHealthy = Math.max(0, expectedPods - resolve(maxUnavailable, expectedPods));
  } else if (typeof minAvailable === 'string' && minAvailable.endsWith('%')) {
    expectedPods = fromControllers();
    desiredHealthy = resolve(minAvailable, expectedPods);
  } else {
    expectedPods = pods.length;
    desiredHealthy = Number(minAvailable ?? 1);
  }
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy) };
}

/**
 * Keeps PodDisruptionBudget status current (the disruption controller) and serves the eviction
 * subresource (pkg/registry/core/pod/storage/eviction.go).
 */
export class DisruptionController {
  private readonly dirty = new Set<string>();
  private refreshing = false;

  constructor(
    private readonly pdbs: ResourceRegistry<PodDisruptionBudget>,
    private readonly pods: ResourceRegistry<Pod>,
    private readonly controllers: ControllerLookup,
    private readonly deletePod: (pod: Pod, gracePeriodSeconds: number | undefined) => void,
    private readonly now: () => Date,
    private readonly stats: DisruptionStats,
  ) {}

  /** Queues a status refresh of the budgets in `namespace` (coalesced per tick; ignored for this controller's own writes). */
  namespaceChanged(namespace: string | undefined): void {
    if (!namespace || this.refreshing || this.dirty.has(namespace)) return;
    this.dirty.add(namespace);
    setImmediate(() => {
      this.dirty.delete(namespace);
      this.refreshNamespace(namespace);
    });
  }

  /** Recomputes and stores (when changed) the status of every budget in `namespace`; a changed condition gets lastTransitionTime `at`. */
  refreshNamespace(namespace: string, at: Date = this.now()): void {
    const budgets = this.pdbs.store.entries(namespace).map((e) => e.object);
    if (budgets.length === 0) return;
    // Index the namespace's pods by label once, so each budget only scans its candidates.
    const byLabel = new Map<string, Pod[]>();
    const all: Pod[] = [];
    for (const e of this.pods.store.entries(namespace)) {
      all.push(e.object);
      for (const [k, v] of Object.entries(e.object.metadata.labels ?? {})) {
        const key = `${k}=${v}`;
        let list = byLabel.get(key);
        if (!list) byLabel.set(key, (list = []));
        list.push(e.object);
      }
    }
    this.refreshing = true;
    try {
      for (const pdb of budgets) {
        const firstLabel = Object.entries(pdb.spec.selector?.matchLabels ?? {})[0];
        const candidates = firstLabel ? (byLabel.get(`${firstLabel[0]}=${firstLabel[1]}`) ?? []) : all;
        this.refresh(pdb, candidates, at);
      }
    } finally {
      this.refreshing = false;
    }
  }

  /** The budgets (`namespace/name`) whose selector matches `pod`. */
  budgetsFor(pod: Pod): string[] {
    return this.pdbs.store.entries(pod.metadata.namespace).map((e) => e.object).filter((pdb) => selectedPods(pdb, [pod]).length === 1).map((pdb) => `${pdb.metadata.namespace}/${pdb.metadata.name}`);
  }

  /**
   * POST pods/<name>/eviction (pkg/registry/core/pod/storage/eviction.go): 404 for a missing pod;
   * terminating, Pending and terminal pods are deleted without a budget check; more than one
   * matching budget is 500; a budget without room is 429 TooManyRequests "Cannot evict pod as it
   * would violate the pod's disruption budget." naming it in details.causes; otherwise the pod is
   * deleted gracefully (deleteOptions.gracePeriodSeconds, else its own) and the answer is 201
   * Success. With dryRun=All (query or deleteOptions.dryRun) the same checks run and nothing
   * changes. Every outcome is counted in DisruptionStats.
   */
  evict(req: ResourceRequest, body: JsonValue, queryDryRun: boolean): ApiResponse {
    const ns = req.namespace as string;
    const name = req.name as string;
    const key = `${ns}/${name}`;
    const b = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
    const meta = b.metadata && typeof b.metadata === 'object' && !Array.isArray(b.metadata) ? b.metadata : {};
    if (meta.name !== undefined && meta.name !== name) {
      this.stats.eviction(key, 'failed');
      throw badRequest(`name in URL does not match name in Eviction object`);
    }
    const opts = b.deleteOptions && typeof b.deleteOptions === 'object' && !Array.isArray(b.deleteOptions) ? b.deleteOptions : {};
    const grace = typeof opts.gracePeriodSeconds === 'number' ? opts.gracePeriodSeconds : undefined;
    const dryRun = queryDryRun || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All'));
    const pod = this.pods.store.get(ns, name);
    if (!pod) {
      this.stats.eviction(key, 'notFound');
      throw notFound({ group: '', resource: 'pods', name });
    }
    const success: ApiResponse = { status: 201, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }) };
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || pod.status?.phase === 'Pending';
    if (!pod.metadata.deletionTimestamp && !terminal) this.checkBudget(pod, key);
    this.stats.eviction(key, dryRun ? 'dryRun' : 'allowed', grace);
    if (!dryRun) this.deletePod(pod, grace);
    return success;
  }

  /** Throws the eviction's 500 (several budgets) or 429 (no room), counting it. */
  private checkBudget(pod: Pod, key: string): void {
    const ns = pod.metadata.namespace as string;
    const budgets = this.pdbs.store.entries(ns).map((e) => e.object).filter((pdb) => selectedPods(pdb, [pod]).length === 1);
    if (budgets.length > 1) {
      this.stats.eviction(key, 'failed');
      throw new ApiError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    }
    if (budgets.length === 0) return;
    const pdb = budgets[0];
    const podsInNs = this.pods.store.entries(ns).map((e) => e.object);
    const state = computeBudget(pdb, selectedPods(pdb, podsInNs), this.controllers);
    const allowed = isPodHealthy(pod) ? state.disruptionsAllowed > 0 : state.currentHealthy >= state.desiredHealthy || pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow';
    if (allowed) return;
    this.stats.eviction(key, 'blocked', undefined, `${ns}/${pdb.metadata.name}`);
    throw new ApiError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
      causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${state.desiredHealthy} healthy pods and has ${state.currentHealthy} currently` }],
    });
  }

  private refresh(pdb: PodDisruptionBudget, podsInNs: readonly Pod[], at: Date): void {
    const state = computeBudget(pdb, selectedPods(pdb, podsInNs), this.controllers);
    const old = pdb.status;
    if (old && old.currentHealthy === state.currentHealthy && old.desiredHealthy === state.desiredHealthy && old.expectedPods === state.expectedPods && old.disruptionsAllowed === state.disruptionsAllowed && old.observedGeneration === (pdb.metadata.generation ?? 1)) return;
    const sufficient = state.disruptionsAllowed > 0;
    const previous = old?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const status = sufficient ? 'True' : 'False';
    this.pdbs.writeAsController({
      ...pdb,
      status: {
        observedGeneration: pdb.metadata.generation ?? 1,
        disruptedPods: {},
        ...state,
        conditions: [{
          type: 'DisruptionAllowed', status, reason: sufficient ? 'SufficientPods' : 'InsufficientPods', message: '', observedGeneration: pdb.metadata.generation ?? 1,
          lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : rfc3339(at),
        }],
      },
    });
  }
}
