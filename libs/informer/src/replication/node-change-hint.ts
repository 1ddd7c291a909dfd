/**
 * A `knm_node_changes` NOTIFY payload (libs/persistence NODE_CHANGES_CHANNEL): the highest seq
 * just committed for a cluster (migration 1732173000000-node-change-notify), or `removed`: the
 * cluster's row was deleted (migration 1732174000000-cluster-removal, seq -1).
 */
export interface NodeChangeHint {
  cluster: string;
  seq: number;
  removed: boolean;
}

/** Reads a hint; anything else (not JSON, no string cluster, no numeric seq) is null and ignored. */
export function parseNodeChangeHint(payload: string): NodeChangeHint | null {
  try {
    const v = JSON.parse(payload) as Partial<NodeChangeHint> | null;
    return v && typeof v.cluster === 'string' && typeof v.seq === 'number' ? { cluster: v.cluster, seq: v.seq, removed: v.removed === true } : null;
  } catch {
    return null;
  }
}
