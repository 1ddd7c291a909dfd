/** Disruption counters of one pod (keyed `namespace/name`; a StatefulSet pod's successive uids share the key). */
export interface PodDisruptionCounts {
  /** Evictions answered 201 and carried out (dry runs excluded). */
  evictions: number;
  /** Evictions with dryRun=All answered 201 (nothing changed). */
  evictionsDryRun: number;
  /** Evictions answered 429 because a PodDisruptionBudget had no room (dry runs included). */
  evictionsBlocked: number;
  /** 429s by budget, `namespace/name` -> count. */
  blockedBy: Record<string, number>;
  /** API DELETEs carried out (dry runs excluded). */
  deletes: number;
  /** API DELETEs with dryRun=All. */
  deletesDryRun: number;
  /** API DELETEs (dry runs excluded) while a PodDisruptionBudget selected the pod: each one bypassed a budget. */
  coveredDeletes: number;
  /** gracePeriodSeconds of the last eviction or DELETE; null when it asked for the pod's own. */
  lastGracePeriodSeconds: number | null;
}

/** One DELETE of a pod a PodDisruptionBudget covered. `at` is ISO 8601. */
export interface CoveredDelete {
  pod: string;
  uid: string;
  budgets: string[];
  dryRun: boolean;
  at: string;
}

/** The `disruptions` part of `GET /sim/stats`. */
export interface DisruptionStatsSnapshot {
  evictions: {
    /** Answered 201 and carried out. */
    allowed: number;
    /** Answered 201 with dryRun=All. */
    dryRun: number;
    /** Answered 429 by a budget. */
    blocked: number;
    /** Answered 404 (pod gone). */
    notFound: number;
    /** Answered 400 or 500 (e.g. more than one budget selects the pod). */
    failed: number;
  };
  /** 429s by budget `namespace/name`. */
  blockedByBudget: Record<string, number>;
  deletes: {
    /** API DELETEs of pods carried out. */
    total: number;
    dryRun: number;
    /** Of `total`, those of pods a budget selected (should be 0 unless a drain ran with --disable-eviction). */
    coveredByBudget: number;
    coveredByBudgetDryRun: number;
  };
  /** The covered DELETEs themselves (the last 1,000). */
  coveredDeletes: CoveredDelete[];
  /** Per pod `namespace/name`, only pods with at least one count. */
  pods: Record<string, PodDisruptionCounts>;
}

const empty = (): DisruptionStatsSnapshot => ({
  evictions: { allowed: 0, dryRun: 0, blocked: 0, notFound: 0, failed: 0 },
  blockedByBudget: {},
  deletes: { total: 0, dryRun: 0, coveredByBudget: 0, coveredByBudgetDryRun: 0 },
  coveredDeletes: [],
  pods: {},
});

/**
 * Counts evictions and pod DELETEs so a test can prove that nothing bypassed a
 * PodDisruptionBudget. Fed by the eviction subresource and the pod DELETE handler.
 */
export class DisruptionStats {
  private state = empty();

  constructor(private readonly now: () => Date) {}

  /** An eviction's outcome. `budget` (namespace/name) for `blocked`; `grace` as requested (undefined = pod's own). */
  eviction(pod: string, outcome: 'allowed' | 'dryRun' | 'blocked' | 'notFound' | 'failed', grace?: number, budget?: string): void {
    this.state.evictions[outcome]++;
    if (outcome === 'notFound' || outcome === 'failed') return;
    const p = this.pod(pod);
    if (outcome === 'allowed') p.evictions++;
    else if (outcome === 'dryRun') p.evictionsDryRun++;
    else if (budget) {
      p.evictionsBlocked++;
      p.blockedBy[budget] = (p.blockedBy[budget] ?? 0) + 1;
      this.state.blockedByBudget[budget] = (this.state.blockedByBudget[budget] ?? 0) + 1;
    }
    if (outcome !== 'blocked') p.lastGracePeriodSeconds = grace ?? null;
  }

  /** An API DELETE of an existing pod; `budgets` = the budgets selecting it at that moment. */
  podDeleted(pod: string, uid: string, dryRun: boolean, budgets: string[], grace?: number): void {
    const p = this.pod(pod);
    const covered = budgets.length > 0;
    if (dryRun) {
      this.state.deletes.dryRun++;
      p.deletesDryRun++;
      if (covered) this.state.deletes.coveredByBudgetDryRun++;
    } else {
      this.state.deletes.total++;
      p.deletes++;
      p.lastGracePeriodSeconds = grace ?? null;
      if (covered) {
        this.state.deletes.coveredByBudget++;
        p.coveredDeletes++;
      }
    }
    if (covered) {
      this.state.coveredDeletes.push({ pod, uid, budgets, dryRun, at: this.now().toISOString() });
      if (this.state.coveredDeletes.length > 1000) this.state.coveredDeletes.shift();
    }
  }

  /** A deep copy. */
  snapshot(): DisruptionStatsSnapshot {
    return structuredClone(this.state);
  }

  /** Zeroes every counter. */
  reset(): void {
    this.state = empty();
  }

  private pod(key: string): PodDisruptionCounts {
    let p = this.state.pods[key];
    if (!p) {
      p = { evictions: 0, evictionsDryRun: 0, evictionsBlocked: 0, blockedBy: {}, deletes: 0, deletesDryRun: 0, coveredDeletes: 0, lastGracePeriodSeconds: null };
      this.state.pods[key] = p;
    }
    return p;
  }
}
