import type { DisruptionStatsSnapshot } from '../workloads/disruption-stats';

/** Request and watch counters served at `GET /sim/stats` and by `sim.stats()`. */
export interface SimStatsSnapshot {
  /** Kubernetes API requests received (control API excluded). */
  requests: {
    total: number;
    /** By apiserver verb: get, list, watch, create, update, patch, delete, deletecollection. */
    byVerb: Record<string, number>;
    /** By resource, subresources as `pods/eviction`; non-resource paths as `nonresource`. */
    byResource: Record<string, number>;
    /** By `<verb> <resource>`, e.g. `patch nodes`. */
    byVerbAndResource: Record<string, number>;
    /** By HTTP status code of the response. */
    byCode: Record<string, number>;
    /** By resource, then HTTP status code, e.g. `{"pods/eviction": {"201": 3, "429": 1}}`. */
    byResourceAndCode: Record<string, Record<string, number>>;
  };
  /** Open watch connections per resource. */
  openWatches: Record<string, number>;
  /** Watch connections dropped by fault injection so far. */
  droppedWatches: number;
  /** The cluster's current resourceVersion. */
  resourceVersion: string;
  /** Evictions (allowed, dry run, 429 by budget) and pod DELETEs (covered by a budget or not), in total and per pod. */
  disruptions: DisruptionStatsSnapshot;
}

const bump = (map: Record<string, number>, key: string): void => {
  map[key] = (map[key] ?? 0) + 1;
};

/** Mutable counters behind SimStatsSnapshot. */
export class SimStats {
  private requests: SimStatsSnapshot['requests'] = SimStats.emptyRequests();
  droppedWatches = 0;

  /** Counts one answered API request. */
  record(verb: string, resource: string, code: number): void {
    const r = this.requests;
    r.total++;
    bump(r.byVerb, verb);
    bump(r.byResource, resource);
    bump(r.byVerbAndResource, `${verb} ${resource}`);
    bump(r.byCode, String(code));
    bump((r.byResourceAndCode[resource] ??= {}), String(code));
  }

  /** A deep copy with the given live values. */
  snapshot(openWatches: Record<string, number>, resourceVersion: string, disruptions: DisruptionStatsSnapshot): SimStatsSnapshot {
    return { requests: structuredClone(this.requests), openWatches, droppedWatches: this.droppedWatches, resourceVersion, disruptions };
  }

  /** Zeroes the request counters and the dropped-watch count. */
  reset(): void {
    this.requests = SimStats.emptyRequests();
    this.droppedWatches = 0;
  }

  private static emptyRequests(): SimStatsSnapshot['requests'] {
    return { total: 0, byVerb: {}, byResource: {}, byVerbAndResource: {}, byCode: {}, byResourceAndCode: {} };
  }
}
