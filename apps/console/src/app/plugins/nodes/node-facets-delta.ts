import type { NodeFacets, NodeSummary } from '@knm/contracts';

/** The zone label the server counts zones by (well-known label, k8s.io/api/core/v1 LabelTopologyZone). */
const ZONE_LABEL = 'topology.kubernetes.io/zone';

function bump(counts: Record<string, number>, key: string, by: number): void {
  const next = (counts[key] ?? 0) + by;
  if (next > 0) counts[key] = next;
  else delete counts[key];
}

function add(facets: NodeFacets, node: NodeSummary, by: 1 | -1): void {
  facets.readiness[node.readiness] = Math.max(0, facets.readiness[node.readiness] + by);
  if (node.unschedulable) facets.cordoned = Math.max(0, facets.cordoned + by);
  for (const role of node.roles) bump(facets.roles, role, by);
  const zone = node.labels[ZONE_LABEL];
  if (zone !== undefined) bump(facets.zones, zone, by);
  if (node.nodeInfo?.kubeletVersion) bump(facets.kubeletVersions, node.nodeInfo.kubeletVersion, by);
}

/**
 * The facet counts after one node changed from `before` to `after` (either may be absent: added,
 * deleted), counted as the API counts them (smart-cache computeFacets: readiness, cordoned, roles,
 * zones, kubelet versions; a count that reaches 0 disappears). Pure: returns a new object.
 * Valid only when the node's previous state is known and the change cannot move it in or out of
 * the filtered set; otherwise the caller re-fetches.
 */
export function facetsAfterChange(facets: NodeFacets, before: NodeSummary | undefined, after: NodeSummary | undefined): NodeFacets {
  const next: NodeFacets = {
    readiness: { ...facets.readiness },
    cordoned: facets.cordoned,
    roles: { ...facets.roles },
    zones: { ...facets.zones },
    kubeletVersions: { ...facets.kubeletVersions },
  };
  if (before) add(next, before, -1);
  if (after) add(next, after, 1);
  return next;
}
